import CFFmpeg
import FaceVision

/// Converts decoded pictures to packed RGB at a chosen size with libswscale, reusing its scaler between frames of
/// the same geometry.
///
/// Where the width is a multiple of 16 the scaler writes straight into the new image's storage: no intermediate
/// frame, no copy. Other widths go through an FFmpeg-allocated frame with padded rows, then row by row into the
/// image: swscale's x86 SIMD output works in runs of 16 pixels, and on packed rows of any other width it either
/// leaves the last few pixels of each row unwritten or writes up to 8 pixels past the end of the last row (a
/// 360-pixel-wide portrait video overran the image's heap block). Phone videos and downscaled analysis sizes have
/// such widths; camera sizes (640, 1280, 1920, …) do not.
///
/// Scaling is bilinear (`SWS_BILINEAR`): cheap enough for every frame of a 1080p stream, and smooth enough for a
/// detector that resamples again for its pyramid. Colour follows the frame's own matrix and range.
struct FrameConverter {
    /// Widths at which swscale's packed RGB output fills each row exactly.
    static let inPlaceWidthMultiple = 16

    private var scaler: OpaquePointer?
    private var staging: UnsafeMutablePointer<AVFrame>?

    mutating func convert(_ source: UnsafeMutablePointer<AVFrame>, width: Int, height: Int) -> RGBImage? {
        let sourceFormat = AVPixelFormat(rawValue: source.pointee.format)
        scaler = sws_getCachedContext(
            scaler, source.pointee.width, source.pointee.height, sourceFormat, Int32(width), Int32(height),
            AV_PIX_FMT_RGB24, SWS_BILINEAR, nil, nil, nil)
        guard let scaler, width > 0, height > 0 else { return nil }
        RGBConversion.applyColourDetails(scaler, for: source)
        let sourceHeight = Int(source.pointee.height)

        guard width % Self.inPlaceWidthMultiple == 0 else {
            guard let padded = stagingFrame(width: width, height: height),
                  RGBConversion.scale(scaler, from: source, height: sourceHeight, into: padded) == Int32(height)
            else { return nil }
            return RGBImage(width: width, height: height, pixels: RGBConversion.packedPixels(of: padded))
        }
        let count = width * height * 3
        var complete = false
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let rows = RGBConversion.scale(scaler, from: source, height: sourceHeight, into: buffer.baseAddress!, stride: width * 3)
            complete = rows == Int32(height)
            // A failed conversion may have written part of the buffer; the image is dropped then.
            initialized = complete ? count : 0
        }
        return complete ? RGBImage(width: width, height: height, pixels: pixels) : nil
    }

    /// The padded RGB frame for the given size, reallocated only when the size changes.
    private mutating func stagingFrame(width: Int, height: Int) -> UnsafeMutablePointer<AVFrame>? {
        if let staging, staging.pointee.width == Int32(width), staging.pointee.height == Int32(height) {
            return staging
        }
        av_frame_free(&staging)
        guard let frame = av_frame_alloc() else { return nil }
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        frame.pointee.format = AV_PIX_FMT_RGB24.rawValue
        guard av_frame_get_buffer(frame, 0) >= 0 else {
            var failed: UnsafeMutablePointer<AVFrame>? = frame
            av_frame_free(&failed)
            return nil
        }
        staging = frame
        return frame
    }

    mutating func release() {
        sws_freeContext(scaler)
        scaler = nil
        av_frame_free(&staging)
    }
}
