# Gilgamesh: multi-stage image. UNTESTED HERE: the development machines have no Docker engine.
# The package list mirrors ./gilgamesh (RUNTIME_PACKAGES); keep the two in step. The build stage takes the
# compile-time part (g++, libfaiss-dev, libopenblas-dev); the runtime needs only the shim's shared libraries
# (libopenblas0, libgomp1: FAISS itself is linked in statically). The app finds the shim next to its binary.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The FAISS shim (native/faiss) is compiled here against Debian's static FAISS, as ./gilgamesh does.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends g++ libfaiss-dev libopenblas-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN bash native/faiss/build.sh --force \
 && dotnet publish Gilgamesh.App/Gilgamesh.App.csproj -c Release -o /app --nologo \
 && cp native/faiss/libgilgamesh_faiss.so /app/

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ffmpeg tesseract-ocr tesseract-ocr-eng libopenblas0 libgomp1 postgresql util-linux yt-dlp \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Everything the app writes lives under the data dir; mount a volume here.
ENV Gilgamesh__DataDir=/data \
    ASPNETCORE_URLS=http://0.0.0.0:8080
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD ["/bin/sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3"]
ENTRYPOINT ["dotnet", "Gilgamesh.App.dll"]
