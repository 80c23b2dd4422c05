using System.Text.Json;

namespace Gilgamesh.Modules.Kernel.Jobs;

/// <summary>
/// The live message clients receive; the same shape the <c>platform.notify_job_change</c> trigger builds,
/// so a snapshot read from the table and a notification look alike.
/// </summary>
internal static class JobProgressMessage
{
    public static string FromRecord(JobRecord job) => JsonSerializer.Serialize(new
    {
        type = "progress",
        job = new
        {
            id = job.Id, module = job.Module, kind = job.Kind, ownerId = job.OwnerId, status = job.Status,
            stage = job.Stage, percent = job.Percent, etaSeconds = job.EtaSeconds, errorCode = job.ErrorCode,
            errorMessage = job.ErrorMessage, attempts = job.Attempts, updatedAt = job.UpdatedAt,
        },
    });
}
