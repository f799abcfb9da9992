import CFFmpeg
import FaceVision
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Still-image files read into and written from `RGBImage` through FFmpeg.
///
/// `decode` reads any picture FFmpeg understands (JPEG, PNG, BMP, WebP, TIFF, the first frame of a GIF or a
/// video…), recognised by its contents, not its name; its pixels equal those of
/// `ffmpeg -i FILE -f rawvideo -pix_fmt rgb24 -`, and like that command it turns a picture upright when it records
/// an orientation (a phone's EXIF tag). `encode` writes PNG or JPEG, chosen by the extension.
/// FFmpeg's own log never reaches standard error: its last message goes into the thrown error instead.
public enum ImageFile {
    /// Reads the first picture in the file at `path`, turned upright when it records an orientation (a phone's
    /// JPEG with an EXIF orientation tag).
    ///
    /// - Parameter maxPixels: pictures whose header claims more pixels than this are refused before any pixel
    ///   memory is allocated.
    public static func decode(path: String, maxPixels: Int = 100_000_000) throws(ImageFileError) -> RGBImage {
        try FFmpegLogCapture.run { log throws(ImageFileError) -> RGBImage in
            try FirstPicture.decode(path: path, maxPixels: maxPixels, log: log) { frame throws(ImageFileError) in
                try RGBConversion.image(from: frame, path: path, log: log).oriented(DisplayMatrix.orientation(of: frame))
            }
        }
    }

    /// Writes `image` to `path` as PNG (`.png`, lossless) or JPEG (`.jpg`, `.jpeg`, high quality), replacing
    /// any file there; any other extension is refused before anything is written.
    public static func encode(_ image: RGBImage, to path: String) throws(ImageFileError) {
        let format = try PictureEncoder.Format(path: path)
        let bytes = try FFmpegLogCapture.run { log throws(ImageFileError) -> [UInt8] in
            try PictureEncoder.encode(image, as: format, path: path, log: log)
        }
        try store(bytes, at: path)
    }

    private static func store(_ bytes: [UInt8], at path: String) throws(ImageFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .encodeFailed(path: path, reason: systemMessage(errno)) }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw .encodeFailed(path: path, reason: systemMessage(failure))
        }
    }
}
