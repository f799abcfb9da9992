import CFFmpeg
import FaceVision

/// Converts decoded pictures to packed RGB at a chosen size with libswscale, reusing its scaler and destination
/// between frames of the same geometry.
///
/// Scaling is bilinear (`SWS_BILINEAR`): cheap enough for every frame of a 1080p stream, and smooth enough for a
/// detector that resamples again for its pyramid. Colour follows the frame's own matrix and range.
struct FrameConverter {
    private var scaler: OpaquePointer?
    private var destination: UnsafeMutablePointer<AVFrame>?

    mutating func convert(_ source: UnsafeMutablePointer<AVFrame>, width: Int, height: Int) -> RGBImage? {
        let sourceFormat = AVPixelFormat(rawValue: source.pointee.format)
        scaler = sws_getCachedContext(
            scaler, source.pointee.width, source.pointee.height, sourceFormat, Int32(width), Int32(height),
            AV_PIX_FMT_RGB24, SWS_BILINEAR, nil, nil, nil)
        guard let scaler else { return nil }
        RGBConversion.applyColourDetails(scaler, for: source)

        if let existing = destination, existing.pointee.width != Int32(width) || existing.pointee.height != Int32(height) {
            av_frame_free(&destination)
        }
        if destination == nil {
            guard let fresh = av_frame_alloc() else { return nil }
            fresh.pointee.width = Int32(width)
            fresh.pointee.height = Int32(height)
            fresh.pointee.format = AV_PIX_FMT_RGB24.rawValue
            destination = fresh
            guard av_frame_get_buffer(fresh, 0) >= 0 else {
                av_frame_free(&destination)
                return nil
            }
        }
        guard let rgb = destination else { return nil }
        let rows = RGBConversion.scale(scaler, from: source, height: Int(source.pointee.height), into: rgb)
        guard rows == Int32(height) else { return nil }

        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let rowBytes = width * 3, stride = Int(rgb.pointee.linesize.0)
        pixels.withUnsafeMutableBytes { output in
            guard let input = rgb.pointee.data.0, let base = output.baseAddress else { return }
            for row in 0..<height {
                (base + row * rowBytes).copyMemory(from: UnsafeRawPointer(input + row * stride), byteCount: rowBytes)
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    mutating func release() {
        sws_freeContext(scaler)
        scaler = nil
        av_frame_free(&destination)
    }
}
