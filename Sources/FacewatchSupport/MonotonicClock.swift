#if canImport(Glibc)
import Glibc
#endif

/// The one monotonic clock of the daemon's timing: stream timeouts, detection and embedding times, latencies.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point (CLOCK_MONOTONIC).
    public static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// The same clock in seconds.
    public static func seconds() -> Double {
        Double(nanoseconds()) * 1e-9
    }
}
