import CFFmpeg
import FaceVision

/// Converts decoded frames to `RGBImage` and back through libswscale, at the same size.
///
/// Decoding uses plain `SWS_BICUBIC` with the frame's own colour matrix and range, which is what the `ffmpeg`
/// command line does for `-pix_fmt rgb24`: the pixels come out byte for byte the same as
/// `ffmpeg -i FILE -f rawvideo -pix_fmt rgb24 -`. (Adding `SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT` changes chroma
/// upsampling and rounding and breaks that equality.) The destination is an FFmpeg-allocated frame: with a packed,
/// unaligned destination swscale's SIMD path leaves the last `width % 8` columns unwritten.
enum RGBConversion {
    static func image(from frame: UnsafePointer<AVFrame>, path: String, log: FFmpegLogCapture) throws(ImageFileError) -> RGBImage {
        let width = Int(frame.pointee.width), height = Int(frame.pointee.height)
        let sourceFormat = AVPixelFormat(rawValue: frame.pointee.format)
        guard let scaler = sws_getContext(
            Int32(width), Int32(height), sourceFormat, Int32(width), Int32(height), AV_PIX_FMT_RGB24,
            SWS_BICUBIC, nil, nil, nil)
        else {
            throw .notAnImage(path: path, detail: "FFmpeg cannot convert its pixel format \(pixelFormatName(sourceFormat)) to RGB")
        }
        defer { sws_freeContext(scaler) }
        applyColourDetails(scaler, for: frame)

        var rgbFrame = av_frame_alloc()
        defer { av_frame_free(&rgbFrame) }
        guard let rgb = rgbFrame else { throw outOfMemory(path) }
        rgb.pointee.width = Int32(width)
        rgb.pointee.height = Int32(height)
        rgb.pointee.format = AV_PIX_FMT_RGB24.rawValue
        guard av_frame_get_buffer(rgb, 0) >= 0 else { throw outOfMemory(path) }

        let converted = scale(scaler, from: frame, height: height, into: rgb)
        guard converted == height else {
            throw .corrupt(path: path, detail: FFmpegFailure.detail(converted < 0 ? converted : facewatch_averror_invaliddata(), log: log))
        }

        return RGBImage(width: width, height: height, pixels: packedPixels(of: rgb))
    }

    /// The pixels of an RGB24 frame as packed rows (`width × 3` bytes each), leaving out the frame's row padding.
    static func packedPixels(of frame: UnsafePointer<AVFrame>) -> [UInt8] {
        let width = Int(frame.pointee.width), height = Int(frame.pointee.height)
        let rowBytes = width * 3, stride = Int(frame.pointee.linesize.0)
        var pixels = [UInt8](repeating: 0, count: rowBytes * height)
        pixels.withUnsafeMutableBytes { destination in
            guard let source = frame.pointee.data.0, let base = destination.baseAddress else { return }
            for row in 0..<height {
                (base + row * rowBytes).copyMemory(from: UnsafeRawPointer(source + row * stride), byteCount: rowBytes)
            }
        }
        return pixels
    }

    /// Fills an allocated frame from an `RGBImage`, row by row, honouring the frame's line size.
    static func copy(_ image: RGBImage, into frame: UnsafeMutablePointer<AVFrame>) {
        let rowBytes = image.width * 3, stride = Int(frame.pointee.linesize.0)
        image.pixels.withUnsafeBytes { source in
            guard let destination = frame.pointee.data.0, let base = source.baseAddress else { return }
            for row in 0..<image.height {
                UnsafeMutableRawPointer(destination + row * stride).copyMemory(from: base + row * rowBytes, byteCount: rowBytes)
            }
        }
    }

    /// Runs `sws_scale` over a whole frame into another frame; returns the number of rows written or a negative
    /// FFmpeg error.
    static func scale(
        _ scaler: OpaquePointer, from source: UnsafePointer<AVFrame>, height: Int, into destination: UnsafeMutablePointer<AVFrame>
    ) -> Int32 {
        let planes = withUnsafeBytes(of: destination.pointee.data) {
            Array($0.bindMemory(to: UnsafeMutablePointer<UInt8>?.self))
        }
        let strides = withUnsafeBytes(of: destination.pointee.linesize) { Array($0.bindMemory(to: Int32.self)) }
        return scale(scaler, from: source, height: height, planes: planes, strides: strides)
    }

    /// Runs `sws_scale` over a whole frame into packed rows of `stride` bytes at `destination` (one plane, as
    /// RGB24 has); returns the number of rows written or a negative FFmpeg error.
    static func scale(
        _ scaler: OpaquePointer, from source: UnsafePointer<AVFrame>, height: Int, into destination: UnsafeMutablePointer<UInt8>, stride: Int
    ) -> Int32 {
        scale(scaler, from: source, height: height, planes: [destination, nil, nil, nil], strides: [Int32(stride), 0, 0, 0])
    }

    private static func scale(
        _ scaler: OpaquePointer, from source: UnsafePointer<AVFrame>, height: Int, planes: [UnsafeMutablePointer<UInt8>?], strides: [Int32]
    ) -> Int32 {
        let sourcePlanes = withUnsafeBytes(of: source.pointee.data) {
            Array($0.bindMemory(to: UnsafePointer<UInt8>?.self))
        }
        let sourceStrides = withUnsafeBytes(of: source.pointee.linesize) { Array($0.bindMemory(to: Int32.self)) }
        return sws_scale(scaler, sourcePlanes, sourceStrides, 0, Int32(height), planes, strides)
    }

    static func pixelFormatName(_ format: AVPixelFormat) -> String {
        av_get_pix_fmt_name(format).map { String(cString: $0) } ?? "#\(format.rawValue)"
    }

    private static func isYUV(_ format: AVPixelFormat) -> Bool {
        guard let descriptor = av_pix_fmt_desc_get(format) else { return false }
        let flags = descriptor.pointee.flags
        return flags & UInt64(AV_PIX_FMT_FLAG_RGB) == 0 && flags & UInt64(AV_PIX_FMT_FLAG_PAL) == 0
            && descriptor.pointee.nb_components >= 3
    }

    /// Tells the scaler the frame's colour matrix and range (full range for `color_range` JPEG and for the
    /// `yuvj*` formats), converting to full-range RGB; only YUV frames have either.
    static func applyColourDetails(_ scaler: OpaquePointer, for frame: UnsafePointer<AVFrame>) {
        let format = AVPixelFormat(rawValue: frame.pointee.format)
        guard isYUV(format) else { return }
        let fullRange = frame.pointee.color_range == AVCOL_RANGE_JPEG || isJPEGRangeYUV(format)
        sws_setColorspaceDetails(
            scaler, sws_getCoefficients(Int32(frame.pointee.colorspace.rawValue)), fullRange ? 1 : 0,
            sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16)
    }

    private static func isJPEGRangeYUV(_ format: AVPixelFormat) -> Bool {
        [AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUVJ411P]
            .contains(format)
    }

    private static func outOfMemory(_ path: String) -> ImageFileError {
        .unreadable(path: path, reason: "out of memory for the RGB picture")
    }
}
