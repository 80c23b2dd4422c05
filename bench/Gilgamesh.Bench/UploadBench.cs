using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gilgamesh.Bench;

/// <summary>
/// Streaming upload of a 2 GiB generated media file into the Release App binary (its own process, embedded
/// cluster): curl's simple upload (anchor client), this process's resumable chunked upload and its simple
/// streaming upload, each a new library item (the previous one is deleted) going through the whole ingest
/// path (hash, ffprobe, storage, waveform). Anchor for the disk: cp of the same file into the data dir.
/// The app's peak RSS is VmHWM from /proc/&lt;pid&gt;/status (goal ≤ 300 MB).
/// The file is an honest WAV: a real RIFF header for 2 GiB of 48 kHz stereo PCM, the data a generated
/// 60 s tone block repeated (ffprobe reads 3 h 6 min of audio; every byte is valid PCM).
/// </summary>
internal sealed class UploadBench(BenchOptions options) : IBenchmark
{
    private const long TargetBytes = 2L << 30;
    private const double GoalRssMb = 300;
    private const long ChunkBytes = 16L << 20;

    public async Task RunAsync(BenchResult result)
    {
        var work = Machine.TempDir("upload");
        try
        {
            var file = Path.Combine(work, "lecture.wav");
            var clock = Stopwatch.StartNew();
            await WriteWavAsync(file, work);
            var size = new FileInfo(file).Length;
            Console.WriteLine($"source: {file}, {size:N0} bytes of WAV (48 kHz stereo PCM, {size / 192_000.0 / 60:0} min) generated in {clock.Elapsed.TotalSeconds:0.0} s");

            var dataDir = Path.Combine(work, "data");
            Directory.CreateDirectory(dataDir);
            await using var app = await AppRunner.StartAsync(options.AppDll, dataDir, Machine.FreePort(), TimeSpan.FromSeconds(180), TimeSpan.FromMilliseconds(100));
            Console.WriteLine($"app: dotnet {options.AppDll} on {app.BaseAddress} (pid {app.Pid}), ready in {app.ReadyMs / 1000:0.0} s; VmHWM at start {VmHwmMb(app.Pid):0} MB");
            var key = await JobsGetBench.AdminKeyAsync(app.BaseAddress);
            using var http = Gilgamesh.Tests.Support.TestAccounts.KeyClient(app.BaseAddress, key);
            http.Timeout = Timeout.InfiniteTimeSpan;

            // Anchor: the disk's own copy speed for this file, on the data dir's file system.
            var copy = Path.Combine(dataDir, "cp-anchor.wav");
            clock.Restart();
            var (cpCode, _, cpErr) = await Proc.RunAsync("cp", [file, copy]);
            var cpSeconds = clock.Elapsed.TotalSeconds;
            if (cpCode != 0) throw new InvalidOperationException($"cp failed: {cpErr}");
            File.Delete(copy);
            Console.WriteLine($"cp anchor: {Mbps(size, cpSeconds):0} MB/s ({cpSeconds:0.0} s)");

            // Anchor client: curl streaming the file (-T) to the simple upload endpoint.
            var url = new Uri(app.BaseAddress, "/api/v1/ingest/uploads?name=lecture.wav").ToString();
            clock.Restart();
            var (curlCode, curlOut, curlErr) = await Proc.RunAsync("curl", ["-sS", "-X", "POST", "-T", file, "-H", $"X-Api-Key: {key}",
                "-H", "Content-Type: application/octet-stream", "-o", Path.Combine(work, "curl-response.json"), "-w", "%{http_code}", url]);
            var curlSeconds = clock.Elapsed.TotalSeconds;
            var curlBody = File.ReadAllText(Path.Combine(work, "curl-response.json"));
            if (curlCode != 0 || curlOut.Trim() != "201") throw new InvalidOperationException($"curl upload → {curlOut} {curlErr} {curlBody}");
            var curlItem = JsonNode.Parse(curlBody)!["item"]!;
            var hwmCurl = VmHwmMb(app.Pid);
            Console.WriteLine($"curl -T simple upload: {Mbps(size, curlSeconds):0} MB/s ({curlSeconds:0.0} s, ingest included); waveform {(curlItem["previews"]!["waveform"] is null ? "missing" : "made")}; app VmHWM {hwmCurl:0} MB");
            await DeleteAsync(http, (string)curlItem["id"]!);

            clock.Restart();
            var chunked = await ChunkedUploadAsync(http, file, size);
            var chunkedSeconds = clock.Elapsed.TotalSeconds;
            var hwmChunked = VmHwmMb(app.Pid);
            Console.WriteLine($"chunked upload ({ChunkBytes >> 20} MiB chunks): {Mbps(size, chunkedSeconds):0} MB/s ({chunkedSeconds:0.0} s); app VmHWM {hwmChunked:0} MB");
            await DeleteAsync(http, chunked);

            clock.Restart();
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
            using (var content = new StreamContent(stream, 1 << 20))
            {
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await http.PostAsync("/api/v1/ingest/uploads?name=lecture.wav", content);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"simple upload → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("item");
                if (item.GetProperty("sizeBytes").GetInt64() != size) throw new InvalidOperationException("stored size differs");
            }
            var simpleSeconds = clock.Elapsed.TotalSeconds;
            var hwm = VmHwmMb(app.Pid);
            Console.WriteLine($"HttpClient simple upload: {Mbps(size, simpleSeconds):0} MB/s ({simpleSeconds:0.0} s); app VmHWM {hwm:0} MB");

            var cp = Mbps(size, cpSeconds);
            var curl = Mbps(size, curlSeconds);
            Console.WriteLine($"summary: cp {cp:0} MB/s | curl simple {curl:0} MB/s ({curl / cp:0.00} of cp) | chunked {Mbps(size, chunkedSeconds):0} MB/s ({Mbps(size, chunkedSeconds) / curl:0.00} of curl) | "
                              + $"HttpClient simple {Mbps(size, simpleSeconds):0} MB/s ({Mbps(size, simpleSeconds) / curl:0.00} of curl); app peak RSS {hwm:0} MB, goal <= {GoalRssMb} MB");
            Console.WriteLine("  (MB = 10^6 bytes; each upload time runs until the item answer: simple: body to disk hashed as it arrives, ffprobe, waveform, rename into storage; chunked: SHA-256, ffprobe, waveform, copy into storage)");
            result.Add("cp MB/s (anchor)", cp, "MB/s");
            result.Add("curl -T simple upload MB/s (anchor client)", curl, "MB/s");
            result.Add("chunked upload MB/s", Mbps(size, chunkedSeconds), "MB/s");
            result.Add("HttpClient simple upload MB/s", Mbps(size, simpleSeconds), "MB/s");
            result.Add("ratio curl upload / cp", curl / cp, "x");
            result.Add("ratio chunked / curl upload", Mbps(size, chunkedSeconds) / curl, "x");
            result.Add("app peak RSS (VmHWM)", hwm, "MB", $"<= {GoalRssMb} MB", hwm <= GoalRssMb);
            result.Details["fileBytes"] = size;
            result.Details["command"] = $"curl -sS -X POST -T <file> -H 'X-Api-Key: …' {url}";
        }
        finally
        {
            Machine.TryDeleteDirectory(work);
        }
    }

    private static async Task<string> ChunkedUploadAsync(HttpClient http, string file, long size)
    {
        using var create = await http.PostAsJsonAsync("/api/v1/ingest/uploads/sessions", new { name = "lecture.wav", sizeBytes = size, chunkSizeBytes = ChunkBytes });
        var session = await create.Content.ReadFromJsonAsync<JsonElement>();
        if (create.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"create session → {session}");
        var id = session.GetProperty("id").GetString();
        var count = session.GetProperty("chunkCount").GetInt32();
        var buffer = new byte[ChunkBytes];
        await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            for (var i = 0; i < count; i++)
            {
                var read = await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false);
                using var content = new ByteArrayContent(buffer, 0, read);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var put = await http.PutAsync($"/api/v1/ingest/uploads/sessions/{id}/chunks/{i}", content);
                if (!put.IsSuccessStatusCode) throw new InvalidOperationException($"chunk {i} → {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
            }
        }
        using var complete = await http.PostAsync($"/api/v1/ingest/uploads/sessions/{id}/complete", null);
        var body = await complete.Content.ReadFromJsonAsync<JsonElement>();
        if (complete.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"complete → {(int)complete.StatusCode}: {body}");
        return body.GetProperty("item").GetProperty("id").GetString()!;
    }

    private static async Task DeleteAsync(HttpClient http, string id)
    {
        using var response = await http.DeleteAsync($"/api/v1/ingest/items/{id}");
        if (response.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"delete {id} → {(int)response.StatusCode}");
    }

    /// <summary>A valid 2 GiB WAV: RIFF/fmt/data headers for the full length, then a generated 60 s PCM tone block repeated.</summary>
    private static async Task WriteWavAsync(string path, string work)
    {
        const int rate = 48_000, channels = 2, bytesPerSample = 2;
        var block = Path.Combine(work, "block.pcm");
        var (code, _, err) = await Proc.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", $"sine=frequency=220:sample_rate={rate}:duration=60",
            "-af", "volume=0.5", "-ac", channels.ToString(CultureInfo.InvariantCulture), "-f", "s16le", "-c:a", "pcm_s16le", block, "-y"]);
        if (code != 0) throw new InvalidOperationException($"ffmpeg failed: {err}");
        var pcm = await File.ReadAllBytesAsync(block);
        File.Delete(block);
        var dataBytes = (uint)(TargetBytes - 44);
        dataBytes -= dataBytes % (channels * bytesPerSample);
        await using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using (var header = new BinaryWriter(output, Encoding.ASCII, leaveOpen: true))
        {
            header.Write("RIFF"u8);
            header.Write(dataBytes + 36);
            header.Write("WAVEfmt "u8);
            header.Write(16);
            header.Write((short)1);
            header.Write((short)channels);
            header.Write(rate);
            header.Write(rate * channels * bytesPerSample);
            header.Write((short)(channels * bytesPerSample));
            header.Write((short)(bytesPerSample * 8));
            header.Write("data"u8);
            header.Write(dataBytes);
        }
        long left = dataBytes;
        while (left > 0)
        {
            var n = (int)Math.Min(left, pcm.Length);
            await output.WriteAsync(pcm.AsMemory(0, n));
            left -= n;
        }
    }

    private static double VmHwmMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }

    private static double Mbps(long bytes, double seconds) => bytes / 1e6 / seconds;
}
