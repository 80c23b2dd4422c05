using Gilgamesh.Modules.Ingest.Library;
using Gilgamesh.Modules.Kernel.Jobs;
using Gilgamesh.Modules.Kernel.Storage;

namespace Gilgamesh.Modules.Ingest.Previews;

internal sealed record ContactSheetInput(Guid MediaId);

/// <summary>
/// Job <c>ingest/previews</c> (media queue): the contact sheet of a video, which decodes the whole file and
/// so does not belong in the request that brought the file in. Re-runnable: the preview is simply overwritten.
/// </summary>
internal sealed class ContactSheetJob(MediaItemStore items, PreviewMaker previews, IObjectStore store) : IJobHandler<ContactSheetInput, ContactSheetResult?>
{
    public static readonly JobKind<ContactSheetInput, ContactSheetResult?> Kind = new(IngestModule.ModuleName, "previews", JobQueues.Media);

    public async Task<ContactSheetResult?> ExecuteAsync(ContactSheetInput input, JobContext context, CancellationToken cancellationToken)
    {
        // Deleted before the job ran: nothing to do.
        if (await items.GetAsync(input.MediaId, cancellationToken) is not { Status: MediaStatuses.Ready } item)
        {
            context.Progress.Log($"media {input.MediaId} is gone or not ready; nothing to do");
            return null;
        }

        context.Progress.Report(0, "making contact sheet");
        var key = await previews.MakeContactSheetAsync(item, cancellationToken);
        if (key is null)
        {
            context.Progress.Log("no contact sheet for this item");
            return null;
        }
        if (!await items.SetPreviewAsync(item.Id, "contact_sheet", key, cancellationToken))
            await store.DeleteAsync(key, CancellationToken.None); // deleted while the sheet was made
        return new ContactSheetResult(key);
    }
}

internal sealed record ContactSheetResult(string ContactSheet);
