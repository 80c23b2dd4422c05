using Gilgamesh.Modules.Choreography.Moves;

namespace Gilgamesh.Modules.Choreography.Generation;

/// <summary>A move with what the generator needs of it: its text embedding and its motion signature.</summary>
internal sealed record LibraryMove(Move Move, float[] TextEmbedding, MotionSignature Motion);
