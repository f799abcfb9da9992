import Foundation

/// Resamples an image through a similarity transform: output pixel `(i, j)` takes the bilinear blend of the
/// source at `chipToImage(i, j)`.
///
/// Coordinates are pixel indices: source pixel `(x, y)` holds the value at exactly `(x, y)`, so a sample at an
/// integer position copies that pixel and one at `(x + 0.5, y)` is the mean of two neighbours. Pixels outside
/// the source count as `border` in the blend, which fades to the border over the last pixel instead of cutting.
public enum BilinearWarp {
    /// An 8-bit chip; blended values are rounded as `rounding` says.
    public static func rgb(
        _ image: RGBImage, width: Int, height: Int, chipToImage: SimilarityTransform,
        border: UInt8 = 0, rounding: Rounding = .nearest
    ) -> RGBImage {
        let offset: Float = rounding == .nearest ? 0.5 : 0
        let count = width * height * 3
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            forEachSample(image, width: width, height: height, chipToImage: chipToImage, border: Float(border)) {
                index, r, g, b in
                output[index] = UInt8(min(255, r + offset))
                output[index + 1] = UInt8(min(255, g + offset))
                output[index + 2] = UInt8(min(255, b + offset))
            }
            initialized = count
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// The same chip unquantised: `width × height × 3` floats in 0…255, interleaved R, G, B, rows top to bottom.
    public static func floats(
        _ image: RGBImage, width: Int, height: Int, chipToImage: SimilarityTransform, border: UInt8 = 0
    ) -> [Float] {
        let count = width * height * 3
        return [Float](unsafeUninitializedCapacity: count) { output, initialized in
            forEachSample(image, width: width, height: height, chipToImage: chipToImage, border: Float(border)) {
                index, r, g, b in
                output[index] = r
                output[index + 1] = g
                output[index + 2] = b
            }
            initialized = count
        }
    }

    /// How a blended value becomes a byte.
    public enum Rounding: Sendable {
        case nearest
        /// Drop the fraction, as dlib's `extract_image_chip` does.
        case truncate
    }

    /// Calls `emit(firstByteIndex, r, g, b)` for every output pixel, row by row.
    @inline(__always)
    private static func forEachSample(
        _ image: RGBImage, width: Int, height: Int, chipToImage map: SimilarityTransform, border: Float,
        _ emit: (Int, Float, Float, Float) -> Void
    ) {
        let sourceWidth = image.width, sourceHeight = image.height
        let rowStride = sourceWidth * 3
        image.pixels.withUnsafeBufferPointer { source in
            @inline(__always) func corner(_ x: Int, _ y: Int, _ channel: Int) -> Float {
                x >= 0 && x < sourceWidth && y >= 0 && y < sourceHeight
                    ? Float(source[y * rowStride + x * 3 + channel]) : border
            }
            var index = 0
            for j in 0..<height {
                let rowU = -map.b * Double(j) + map.tx
                let rowV = map.a * Double(j) + map.ty
                for i in 0..<width {
                    let u = map.a * Double(i) + rowU
                    let v = map.b * Double(i) + rowV
                    defer { index += 3 }
                    guard u > -1, u < Double(sourceWidth), v > -1, v < Double(sourceHeight) else {
                        emit(index, border, border, border)
                        continue
                    }
                    let left = u.rounded(.down), top = v.rounded(.down)
                    let fx = Float(u - left), fy = Float(v - top)
                    let x = Int(left), y = Int(top)
                    let w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy
                    if x >= 0, y >= 0, x + 1 < sourceWidth, y + 1 < sourceHeight {
                        let p00 = y * rowStride + x * 3, p10 = p00 + 3, p01 = p00 + rowStride, p11 = p01 + 3
                        @inline(__always) func blend(_ c: Int) -> Float {
                            w00 * Float(source[p00 + c]) + w10 * Float(source[p10 + c])
                                + w01 * Float(source[p01 + c]) + w11 * Float(source[p11 + c])
                        }
                        emit(index, blend(0), blend(1), blend(2))
                    } else {
                        @inline(__always) func blend(_ c: Int) -> Float {
                            w00 * corner(x, y, c) + w10 * corner(x + 1, y, c)
                                + w01 * corner(x, y + 1, c) + w11 * corner(x + 1, y + 1, c)
                        }
                        emit(index, blend(0), blend(1), blend(2))
                    }
                }
            }
        }
    }
}
