namespace Gilgamesh.Modules.Highlights.Render;

/// <summary>Where the followed subject is at <paramref name="Time"/> (seconds into the clip), in source pixels; null when nothing moved.</summary>
internal sealed record SubjectSample(double Time, double? X, double? Y);

/// <summary>The crop window's centre at <paramref name="Time"/> (seconds into the clip), in source pixels.</summary>
internal sealed record CropCentre(double Time, double X, double Y);

/// <summary>
/// Limits of a camera crop's motion, in source widths (so they mean the same at every resolution):
/// <see cref="MaxSpeed"/> per second, <see cref="MaxAcceleration"/> per second², and a <see cref="Deadband"/>
/// within which the window holds still instead of chasing small motion. At 25 fps, 0.3 widths/s is at most
/// 1.2 % of the width between two frames.
/// </summary>
internal sealed record CropMotion(double MaxSpeed = 0.3, double MaxAcceleration = 0.6, double Deadband = 0.06);

/// <summary>
/// Turns noisy subject positions into a crop path with no jitter (pure): the window holds while the subject stays
/// within the deadband of it, otherwise it moves toward the subject with bounded speed and acceleration, braking in
/// time not to overshoot (speed ≤ √(2·a·distance)). Samples without a subject keep the last target. The path is
/// clamped so the window stays inside the frame; between its points the render interpolates linearly, so no frame
/// moves more than <c>MaxSpeed × width / fps</c>.
/// </summary>
internal static class CropPath
{
    public static IReadOnlyList<CropCentre> Smooth(IReadOnlyList<SubjectSample> samples, int sourceWidth, int sourceHeight, int windowWidth, int windowHeight,
        CropMotion motion)
    {
        if (samples.Count == 0) return [new CropCentre(0, sourceWidth / 2.0, sourceHeight / 2.0)];
        var (minX, maxX) = (windowWidth / 2.0, sourceWidth - windowWidth / 2.0);
        var (minY, maxY) = (windowHeight / 2.0, sourceHeight - windowHeight / 2.0);
        var speed = motion.MaxSpeed * sourceWidth;
        var acceleration = motion.MaxAcceleration * sourceWidth;
        var deadband = motion.Deadband * sourceWidth;

        var first = samples.FirstOrDefault(s => s.X is not null) ?? samples[0];
        var (x, y) = (Math.Clamp(first.X ?? sourceWidth / 2.0, minX, maxX), Math.Clamp(first.Y ?? sourceHeight / 2.0, minY, maxY));
        var (targetX, targetY) = (x, y);
        var (vx, vy) = (0.0, 0.0);
        var path = new List<CropCentre> { new(samples[0].Time, x, y) };
        for (var i = 1; i < samples.Count; i++)
        {
            var dt = samples[i].Time - samples[i - 1].Time;
            if (dt <= 0) continue;
            if (samples[i].X is { } sx && samples[i].Y is { } sy)
            {
                // A new target only when the subject has left the deadband around the window's centre.
                var (cx, cy) = (Math.Clamp(sx, minX, maxX), Math.Clamp(sy, minY, maxY));
                if (Math.Abs(cx - x) > deadband || Math.Abs(cy - y) > deadband) (targetX, targetY) = (cx, cy);
            }
            (x, vx) = Step(x, vx, targetX, dt, speed, acceleration);
            (y, vy) = Step(y, vy, targetY, dt, speed, acceleration);
            (x, y) = (Math.Clamp(x, minX, maxX), Math.Clamp(y, minY, maxY));
            path.Add(new CropCentre(samples[i].Time, x, y));
        }
        return path;
    }

    /// <summary>One axis, one step: the speed wanted (toward the target, capped, braking in time) reached within the acceleration limit.</summary>
    private static (double Position, double Velocity) Step(double position, double velocity, double target, double dt, double maxSpeed, double maxAcceleration)
    {
        var distance = target - position;
        var wanted = Math.Sign(distance) * Math.Min(maxSpeed, Math.Sqrt(2 * maxAcceleration * Math.Abs(distance)));
        var change = Math.Clamp(wanted - velocity, -maxAcceleration * dt, maxAcceleration * dt);
        var next = velocity + change;
        var moved = (velocity + next) / 2 * dt;
        // Never past the target: arrive and stop.
        if (Math.Abs(moved) >= Math.Abs(distance) && Math.Sign(moved) == Math.Sign(distance)) return (target, 0);
        return (position + moved, next);
    }

    /// <summary>The largest move of the window's centre between two consecutive frames at <paramref name="fps"/>, linear between path points.</summary>
    public static double MaxFrameStep(IReadOnlyList<CropCentre> path, double fps)
    {
        var max = 0.0;
        for (var i = 1; i < path.Count; i++)
        {
            var dt = path[i].Time - path[i - 1].Time;
            if (dt <= 0) continue;
            var distance = Math.Sqrt(Math.Pow(path[i].X - path[i - 1].X, 2) + Math.Pow(path[i].Y - path[i - 1].Y, 2));
            max = Math.Max(max, distance / (dt * fps));
        }
        return max;
    }
}
