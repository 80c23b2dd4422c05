using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Ingest.Previews;

internal sealed record ContactSheetInput(Guid MediaId);

/// <summary>
/// Job <c>ingest/previews</c> (media queue): the contact sheet of a video, which decodes the whole file and
/// so does not belong in the request that brought the file in. Re-runnable: the preview is simply overwritten.
/// </summary>
internal sealed class ContactSheetJob(MediaItemStore items, PreviewMaker previews, IObjectStore store) : IJobHandler
{
    public const string KindName = "previews";

    public string Module => IngestModule.ModuleName;
    public string Kind => KindName;

    public async Task ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var input = context.GetInput<ContactSheetInput>();
        // Deleted before the job ran: nothing to do.
        if (await items.GetAsync(input.MediaId, cancellationToken) is not { Status: MediaStatuses.Ready } item) return;

        context.Progress.Report(0, "making contact sheet");
        var key = await previews.MakeContactSheetAsync(item, cancellationToken);
        if (key is null) return;
        if (!await items.SetPreviewAsync(item.Id, "contact_sheet", key, cancellationToken))
            await store.DeleteAsync(key, CancellationToken.None); // deleted while the sheet was made
        context.Result = new { contactSheet = key };
    }
}
