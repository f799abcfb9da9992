import CFFmpeg
import FaceVision

/// Reads the orientation that a video stream or a decoded picture records in FFmpeg's display matrix (from an MP4
/// or MOV track header, or a JPEG's EXIF orientation tag).
///
/// The matrix is 3 × 3, in 16.16 fixed point, applied to the row vector `[column row 1]`: the stored pixel shows at
/// `x = column · m[0] + row · m[3]`, `y = column · m[1] + row · m[4]`. Only quarter turns and mirror images are
/// taken; any other matrix (an arbitrary angle, a shear) leaves the picture as stored.
enum DisplayMatrix {
    /// The orientation in a matrix of nine 32-bit values, or nil when it is not one of the eight grid symmetries.
    static func orientation(_ matrix: UnsafePointer<Int32>) -> PictureOrientation? {
        let entries = [matrix[0], matrix[3], matrix[1], matrix[4]].map { Int($0) }
        let largest = entries.map(abs).max() ?? 0
        guard largest > 0 else { return nil }
        // Entries under half the largest count as zero: a matrix of cosines and sines rounded to 16.16.
        let signs = entries.map { abs($0) * 2 > largest ? $0.signum() : 0 }
        return PictureOrientation(columnToX: signs[0], rowToX: signs[1], columnToY: signs[2], rowToY: signs[3])
    }

    /// The orientation a stream's header records (upright when it records none).
    static func orientation(of stream: UnsafePointer<AVStream>) -> PictureOrientation {
        var size = 0
        let data = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size)
        return orientation(data, size: size)
    }

    /// The orientation a decoded picture carries (upright when it carries none).
    static func orientation(of frame: UnsafePointer<AVFrame>) -> PictureOrientation {
        let sideData = av_frame_get_side_data(frame, AV_FRAME_DATA_DISPLAYMATRIX)
        return orientation(sideData?.pointee.data, size: sideData?.pointee.size ?? 0)
    }

    /// The orientation in side data of `size` bytes; upright when there is none or it is not a grid symmetry.
    private static func orientation(_ data: UnsafeMutablePointer<UInt8>?, size: Int) -> PictureOrientation {
        guard let data, size >= 9 * MemoryLayout<Int32>.size else { return .upright }
        return UnsafeRawPointer(data).withMemoryRebound(to: Int32.self, capacity: 9) { orientation($0) } ?? .upright
    }
}
