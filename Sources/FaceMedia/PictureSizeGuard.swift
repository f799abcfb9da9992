import CFFmpeg

/// Keeps a decoder from allocating a picture larger than the caller's pixel limit, and finds the size the file
/// claimed when FFmpeg refuses one.
///
/// libavcodec checks sizes in two places: when the header is parsed (`ff_set_dimensions`, exact width) and before
/// the frame is allocated (`ff_get_buffer`, width rounded up to 64). The second would refuse pictures just under
/// the limit, so the decoder's `max_pixels` gets a margin covering that rounding for heights up to 65,536, and the
/// exact limit is enforced here in `get_buffer2`, which sees the true size before any pixel memory exists.
final class PictureSizeGuard {
    let maxPixels: Int
    private(set) var refusedSize: (width: Int, height: Int)?

    private static let roundingMargin = 64 * 65_536

    init(maxPixels: Int) {
        self.maxPixels = maxPixels
    }

    /// Installs the guard on a decoder that is not yet open; the guard must outlive the decoder.
    func install(on codec: UnsafeMutablePointer<AVCodecContext>) {
        codec.pointee.max_pixels = Int64(clamping: maxPixels.addingReportingOverflow(Self.roundingMargin).overflow
            ? Int.max : maxPixels + Self.roundingMargin)
        codec.pointee.opaque = Unmanaged.passUnretained(self).toOpaque()
        codec.pointee.get_buffer2 = allocateUnlessTooLarge
    }

    fileprivate func admits(width: Int, height: Int) -> Bool {
        guard width * height > maxPixels else { return true }
        refusedSize = (width, height)
        return false
    }

    /// The claimed size that made decoding fail, if the failure was a size refusal over the limit.
    func refusal(codec: UnsafePointer<AVCodecContext>, log: FFmpegLogCapture) -> (width: Int, height: Int)? {
        if let refusedSize { return refusedSize }
        let headerWidth = Int(codec.pointee.width), headerHeight = Int(codec.pointee.height)
        if headerWidth * headerHeight > maxPixels { return (headerWidth, headerHeight) }
        if let logged = Self.refusedPictureSize(in: log.messages), logged.width * logged.height > maxPixels {
            return logged
        }
        return nil
    }

    /// The size in libavutil's "Picture size WxH is invalid" / "... exceeds specified max pixel count", which
    /// decoders log (after zeroing their own width and height) when a header's size fails their checks.
    static func refusedPictureSize(in messages: [String]) -> (width: Int, height: Int)? {
        for message in messages {
            guard let start = message.firstRange(of: "Picture size ") else { continue }
            let size = message[start.upperBound...].prefix { $0.isNumber || $0 == "x" }
            let parts = size.split(separator: "x")
            if parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) {
                return (width, height)
            }
        }
        return nil
    }
}

private func allocateUnlessTooLarge(
    _ codec: UnsafeMutablePointer<AVCodecContext>?, _ frame: UnsafeMutablePointer<AVFrame>?, _ flags: Int32
) -> Int32 {
    guard let codec, let frame, let opaque = codec.pointee.opaque else { return facewatch_averror(EINVAL) }
    let sizeGuard = Unmanaged<PictureSizeGuard>.fromOpaque(opaque).takeUnretainedValue()
    guard sizeGuard.admits(width: Int(frame.pointee.width), height: Int(frame.pointee.height)) else {
        return facewatch_averror(ERANGE)
    }
    return avcodec_default_get_buffer2(codec, frame, flags)
}
