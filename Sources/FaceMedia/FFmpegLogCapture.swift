import CFFmpeg
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects the error messages FFmpeg logs on the current thread while `run` is active, so that they can go into
/// an error's description instead of onto standard error.
///
/// Using this installs a process-wide FFmpeg log callback once: from then on FFmpeg never writes to standard
/// error, and its messages reach only a capture active on the thread that logged them (decode with
/// `thread_count = 1` so that FFmpeg logs on the caller's thread).
final class FFmpegLogCapture {
    private(set) var messages: [String] = []

    private init() {}

    /// The most recent message, if FFmpeg logged any error.
    var lastMessage: String? { messages.last }

    static func run<T, E: Error>(_ body: (FFmpegLogCapture) throws(E) -> T) throws(E) -> T {
        _ = callbackInstalled
        let capture = FFmpegLogCapture()
        let previous = pthread_getspecific(threadSlot)
        pthread_setspecific(threadSlot, Unmanaged.passUnretained(capture).toOpaque())
        defer { pthread_setspecific(threadSlot, previous) }
        return try withExtendedLifetime(capture) { () throws(E) -> T in try body(capture) }
    }

    fileprivate func record(_ message: String) {
        var scalars = Substring(message).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        if !scalars.isEmpty { messages.append(String(scalars)) }
    }
}

private let threadSlot: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

private let callbackInstalled: Void = av_log_set_callback { _, level, format, arguments in
    guard level <= AV_LOG_ERROR, let format, let arguments, let slot = pthread_getspecific(threadSlot) else { return }
    var buffer = [CChar](repeating: 0, count: 1024)
    _ = buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, $0.count, format, arguments) }
    let capture = Unmanaged<FFmpegLogCapture>.fromOpaque(slot).takeUnretainedValue()
    capture.record(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
}
