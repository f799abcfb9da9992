import CFFmpeg
import FaceVision

/// Converts decoded pictures to packed RGB at a chosen size with libswscale, reusing its scaler between frames of
/// the same geometry. The scaler writes straight into the new image's storage: no intermediate frame, no copy.
///
/// Scaling is bilinear (`SWS_BILINEAR`): cheap enough for every frame of a 1080p stream, and smooth enough for a
/// detector that resamples again for its pyramid. Colour follows the frame's own matrix and range.
struct FrameConverter {
    private var scaler: OpaquePointer?

    mutating func convert(_ source: UnsafeMutablePointer<AVFrame>, width: Int, height: Int) -> RGBImage? {
        let sourceFormat = AVPixelFormat(rawValue: source.pointee.format)
        scaler = sws_getCachedContext(
            scaler, source.pointee.width, source.pointee.height, sourceFormat, Int32(width), Int32(height),
            AV_PIX_FMT_RGB24, SWS_BILINEAR, nil, nil, nil)
        guard let scaler, width > 0, height > 0 else { return nil }
        RGBConversion.applyColourDetails(scaler, for: source)

        let count = width * height * 3
        var complete = false
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let rows = RGBConversion.scale(scaler, from: source, height: Int(source.pointee.height),
                                           into: buffer.baseAddress!, stride: width * 3)
            complete = rows == Int32(height)
            // A failed conversion may have written part of the buffer; the image is dropped then.
            initialized = complete ? count : 0
        }
        return complete ? RGBImage(width: width, height: height, pixels: pixels) : nil
    }

    mutating func release() {
        sws_freeContext(scaler)
        scaler = nil
    }
}
