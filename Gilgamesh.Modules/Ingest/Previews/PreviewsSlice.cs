using Gilgamesh.Modules.Kernel.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Gilgamesh.Modules.Ingest.Previews;

/// <summary>The previews slice: poster, contact sheet and waveform of library items.</summary>
internal static class PreviewsSlice
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<PreviewMaker>();
        services.AddJobHandler<ContactSheetJob, ContactSheetInput, ContactSheetResult?>(ContactSheetJob.Kind);
    }
}
