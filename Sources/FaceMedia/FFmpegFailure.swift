import CFFmpeg

/// Turns FFmpeg's error codes and logged messages into the details that go into an `ImageFileError`.
enum FFmpegFailure {
    /// `FFmpeg: <error code's text>; <last logged message>`, the message left out when there is none.
    static func detail(_ code: Int32, log: FFmpegLogCapture) -> String {
        var buffer = [CChar](repeating: 0, count: Int(AV_ERROR_MAX_STRING_SIZE))
        av_strerror(code, &buffer, buffer.count)
        let codeText = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let message = log.lastMessage, message != codeText else { return "FFmpeg: \(codeText)" }
        return "FFmpeg: \(codeText); \(message)"
    }
}
