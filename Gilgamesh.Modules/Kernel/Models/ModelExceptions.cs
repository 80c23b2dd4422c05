using Gilgamesh.Modules.Kernel.Errors;

namespace Gilgamesh.Modules.Kernel.Models;

internal sealed class ModelNotConfiguredException()
    : GilgameshException(ErrorCodes.ModelNotConfigured, "no language model is configured (Models:Endpoint and Models:Model)", 409);

internal sealed class ModelUnavailableException(string message, Exception? inner = null)
    : GilgameshException(ErrorCodes.ModelUnavailable, message, 424, inner);

internal sealed class ModelRateLimitedException(int perMinute)
    : GilgameshException(ErrorCodes.ModelRateLimited, $"the model call limit of {perMinute} per minute is used up", 429);

internal sealed class ModelInvalidAnswerException(string message)
    : GilgameshException(ErrorCodes.ModelInvalidAnswer, message, 422);
