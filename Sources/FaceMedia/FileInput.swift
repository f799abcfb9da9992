import CFFmpeg
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local file handed to libavformat through its own I/O context.
///
/// libavformat then probes the format from the bytes alone: a text file named `.jpg` is not taken for a JPEG
/// because of its name, and a name is never read as a URL, a protocol prefix or an image-sequence pattern.
final class FileInput {
    let path: String
    let context: UnsafeMutablePointer<AVIOContext>
    private let descriptor: Int32
    private let byteCount: Int64

    private static let bufferSize = 64 * 1024

    init(path: String) throws(ImageFileError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: systemMessage(code))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw .unreadable(path: path, reason: systemMessage(code))
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR {
            close(descriptor)
            throw .unreadable(path: path, reason: "it is a directory")
        }
        if kind == S_IFREG && status.st_size == 0 {
            close(descriptor)
            throw .emptyFile(path: path)
        }
        guard let buffer = av_malloc(Self.bufferSize) else {
            close(descriptor)
            throw .unreadable(path: path, reason: "out of memory for the read buffer")
        }
        self.descriptor = descriptor
        self.byteCount = Int64(status.st_size)
        // The context refers back to this object, which frees the context before it goes.
        guard let context = avio_alloc_context(
            buffer.assumingMemoryBound(to: UInt8.self), Int32(Self.bufferSize), 0, nil, readPacket, nil, seekInFile)
        else {
            av_free(buffer)
            close(descriptor)
            throw .unreadable(path: path, reason: "out of memory for the I/O context")
        }
        self.context = context
        context.pointee.opaque = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        av_freep(&context.pointee.buffer)
        var context: UnsafeMutablePointer<AVIOContext>? = context
        avio_context_free(&context)
        close(descriptor)
    }

    fileprivate func fill(_ buffer: UnsafeMutablePointer<UInt8>, count: Int32) -> Int32 {
        while true {
            let got = read(descriptor, buffer, Int(count))
            if got > 0 { return Int32(got) }
            if got == 0 { return facewatch_averror_eof() }
            if errno != EINTR { return facewatch_averror(errno) }
        }
    }

    fileprivate func seek(to offset: Int64, whence: Int32) -> Int64 {
        if whence & AVSEEK_SIZE != 0 { return byteCount }
        let position = lseek(descriptor, off_t(offset), whence & ~AVSEEK_FORCE)
        return position < 0 ? Int64(facewatch_averror(errno)) : Int64(position)
    }
}

private func readPacket(_ opaque: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ count: Int32) -> Int32 {
    guard let opaque, let buffer else { return facewatch_averror(EINVAL) }
    return Unmanaged<FileInput>.fromOpaque(opaque).takeUnretainedValue().fill(buffer, count: count)
}

private func seekInFile(_ opaque: UnsafeMutableRawPointer?, _ offset: Int64, _ whence: Int32) -> Int64 {
    guard let opaque else { return Int64(facewatch_averror(EINVAL)) }
    return Unmanaged<FileInput>.fromOpaque(opaque).takeUnretainedValue().seek(to: offset, whence: whence)
}

/// The C library's text for an `errno` value.
func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
}
