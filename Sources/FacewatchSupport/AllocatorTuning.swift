#if canImport(Glibc)
import Glibc
#endif

/// The process-wide policy of glibc's allocator for large blocks.
///
/// By default glibc serves blocks above a (self-adjusting) threshold with fresh `mmap` pages and returns freed
/// memory at the top of the heap to the system. A detector allocates and frees tensors of several megabytes for
/// every image or frame, so every frame then pays for page faults on memory it had a moment ago (about 6,000
/// faults, 10–15 % of a 1080p detection on the development VM). Keeping freed blocks in the heap lets the next
/// frame reuse them; the process's resident size stays at its peak instead of breathing with each frame.
public enum AllocatorTuning {
    /// Largest block still taken from the heap: glibc's own ceiling for this setting on 64-bit systems.
    public static let heapBlockLimit = 32 << 20
    /// Free memory the heap may hold before glibc returns any of it to the system.
    public static let retainedFreeMemory = 1 << 30

    /// Serves blocks up to `heapBlockLimit` from the heap and keeps freed memory for reuse. Returns false where
    /// the allocator is not glibc's or refused the settings (nothing changes then).
    @discardableResult
    public static func keepFreedBlocksForReuse() -> Bool {
        #if canImport(Glibc)
        return glibcMallopt(mmapThresholdParameter, Int32(heapBlockLimit)) == 1
            && glibcMallopt(trimThresholdParameter, Int32(retainedFreeMemory)) == 1
        #else
        return false
        #endif
    }

    // <malloc.h> is not part of Swift's Glibc module; these are its stable parameter numbers.
    private static let trimThresholdParameter: Int32 = -1  // M_TRIM_THRESHOLD
    private static let mmapThresholdParameter: Int32 = -3  // M_MMAP_THRESHOLD
}

#if canImport(Glibc)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
