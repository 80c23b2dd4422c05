using System.Text;

namespace Gilgamesh.Tests.Kernel.Storage;

/// <summary>
/// s3rver 3 answers ListObjects with xmlns "http://doc.s3.amazonaws.com/2006-03-01/" instead of AWS's
/// "http://s3.amazonaws.com/doc/2006-03-01/", and Minio 7 then silently finds no objects. This test-only
/// handler rewrites the namespace of bucket-level GET responses (listings, small XML) so the real
/// Minio client can be exercised against s3rver. Object bodies are never touched.
/// </summary>
internal sealed class S3rverListNamespaceFix() : DelegatingHandler(new HttpClientHandler())
{
    private const string S3rverNamespace = "http://doc.s3.amazonaws.com/2006-03-01/";
    private const string AwsNamespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static HttpClient CreateClient() => new(new S3rverListNamespaceFix());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        var isBucketLevel = request.RequestUri!.AbsolutePath.Trim('/').Split('/').Length == 1;
        if (request.Method != HttpMethod.Get || !isBucketLevel || response.Content.Headers.ContentType?.MediaType?.Contains("xml") != true)
            return response;
        var xml = await response.Content.ReadAsStringAsync(ct);
        var headers = response.Content.Headers.ToList();
        response.Content = new StringContent(xml.Replace(S3rverNamespace, AwsNamespace), Encoding.UTF8);
        response.Content.Headers.Clear();
        foreach (var (name, values) in headers.Where(h => h.Key != "Content-Length"))
            response.Content.Headers.TryAddWithoutValidation(name, values);
        return response;
    }
}
