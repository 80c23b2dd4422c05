#!/usr/bin/env bash
# Builds native/faiss/libgilgamesh_faiss.so: the extern "C" shim Gilgamesh's vector search calls with
# LibraryImport. Links Debian's static FAISS (libfaiss-dev) with OpenBLAS (libopenblas-dev) and OpenMP.
#
#   native/faiss/build.sh            build if the .so is missing or older than the .cpp / this script
#   native/faiss/build.sh --force    always rebuild
#
# Exit 0 when the library is up to date, non-zero (with a message on stderr) when it cannot be built.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/gilgamesh_faiss.cpp"
out="$here/libgilgamesh_faiss.so"
cxx="${CXX:-g++}"

if [[ "${1:-}" != "--force" && -f "$out" && "$out" -nt "$src" && "$out" -nt "${BASH_SOURCE[0]}" ]]; then
  echo "faiss shim: up to date ($out)"
  exit 0
fi
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "faiss shim: C++ compiler '$cxx' not found; install it: apt-get install g++" >&2
  exit 2
fi
if [[ ! -f /usr/include/faiss/IndexFlat.h || ! -f /usr/lib/x86_64-linux-gnu/libfaiss.a && ! -f /usr/lib/libfaiss.a ]]; then
  echo "faiss shim: FAISS headers or libfaiss.a missing; install them: apt-get install libfaiss-dev libopenblas-dev" >&2
  exit 3
fi
if [[ ! -f /usr/include/x86_64-linux-gnu/cblas.h && ! -f /usr/include/cblas.h && ! -f /usr/include/x86_64-linux-gnu/openblas-pthread/cblas.h ]]; then
  echo "faiss shim: cblas.h missing; install it: apt-get install libopenblas-dev" >&2
  exit 3
fi

tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
# No -march: the .so must run on any x86-64 the Dockerfile targets; the hot loops are FAISS's own
# kernels from libfaiss.a. Static FAISS, shared OpenBLAS/OpenMP (system libraries).
"$cxx" -std=c++17 -O3 -fPIC -shared -fopenmp -fvisibility=hidden \
  -Wl,--exclude-libs,ALL \
  -o "$tmp" "$src" \
  -l:libfaiss.a \
  -lopenblas -lgomp -lpthread -lm
mv -f "$tmp" "$out"
echo "faiss shim: built $out"
