using Gilgamesh.Modules.Highlights.Data;
using Gilgamesh.Modules.Kernel.Accounts;
using Gilgamesh.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gilgamesh.Modules.Highlights.Downloads;

/// <summary>
/// <c>GET /api/v1/highlights/{id}/downloads/{name}</c>: one of <see cref="Names"/> as an attachment. An unknown name,
/// or a timeline of media without video, is 404 <c>highlights.not_found</c>.
/// </summary>
internal static class DownloadEndpoint
{
    public static readonly IReadOnlyList<string> Names =
        ["transcript.srt", "transcript.vtt", "transcript.json", "chapters.txt", "reel.fcpxml", "reel.mlt", "reel.otio", "reel.edl"];

    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/{id:guid}/downloads/{name}", GetAsync).RequireAuthorization(Policies.Viewer);

    private static async Task<IResult> GetAsync(Guid id, string name, HighlightJobStore jobs, HighlightDocuments documents, CurrentUser me, CancellationToken ct)
    {
        if (await jobs.GetAsync(id, ct) is not { } job || !me.CanSee(job.OwnerId.ToString()))
            return ApiProblem.NotFound(HighlightsErrorCodes.NotFound, $"No highlights {id}.");
        if (!Names.Contains(name) || await documents.MakeAsync(job, name, ct) is not { } document)
            return ApiProblem.NotFound(HighlightsErrorCodes.NotFound, $"No download '{name}' for highlights {id}; there are {string.Join(", ", Names)}.");
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(document.Text), document.ContentType, document.FileName);
    }
}
