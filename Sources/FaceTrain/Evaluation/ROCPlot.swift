import FaceVision
import Foundation

/// Draws a ROC curve as a picture, for `facewatch validate --roc`: true positive rate upwards, false positive rate
/// to the right, on a light grid inside a dark frame, with the chance diagonal (TPR = FPR) as a grey reference and
/// the curve as an anti-aliased polyline on top. No text is drawn.
///
/// The false positive axis is linear (grid every 0.2) or logarithmic from 10^−decades to 1 (grid at every decade),
/// where rates below 10^−decades are drawn at the left edge; the logarithmic axis shows the region of VAL@FAR=1e-3.
/// The true positive axis is always linear with grid lines every 0.2. Rate 0 and rate 1 lie on the centres of the
/// frame's pixels.
public struct ROCPlot: Sendable {
    /// How false positive rates are laid out across the plot.
    public enum Scale: Sendable, Equatable {
        case linear
        case logarithmic(decades: Int)
    }

    public typealias Color = (r: UInt8, g: UInt8, b: UInt8)

    public var width: Int
    public var height: Int
    public var falsePositiveScale: Scale
    /// Pixels between the image edge and the frame.
    public var margin: Int
    public var lineWidth: Double
    public var backgroundColor: Color = (255, 255, 255)
    public var gridColor: Color = (220, 220, 220)
    public var frameColor: Color = (40, 40, 40)
    public var diagonalColor: Color = (150, 150, 150)
    public var curveColor: Color = (20, 80, 220)

    public init(width: Int = 640, height: Int = 640, falsePositiveScale: Scale = .linear) {
        precondition(width > 0 && height > 0, "ROCPlot: size must be positive")
        if case .logarithmic(let decades) = falsePositiveScale {
            precondition(decades >= 1, "ROCPlot: a logarithmic axis needs at least one decade")
        }
        self.width = width
        self.height = height
        self.falsePositiveScale = falsePositiveScale
        margin = max(4, min(width, height) / 20)
        lineWidth = max(1.5, Double(min(width, height)) / 320)
    }

    /// Where a point of ROC space lands in the image, in continuous pixel coordinates (pixel (i, j) covers
    /// [i, i+1) × [j, j+1)).
    public func position(falsePositiveRate: Double, truePositiveRate: Double) -> Point2D {
        let left = Double(margin) + 0.5, right = Double(width - margin) - 0.5
        let top = Double(margin) + 0.5, bottom = Double(height - margin) - 0.5
        return Point2D(x: left + horizontalFraction(falsePositiveRate) * (right - left),
                       y: bottom - truePositiveRate * (bottom - top))
    }

    public func render(_ curve: ROCCurve) -> RGBImage {
        var image = RGBImage(width: width, height: height, fill: backgroundColor)
        drawGrid(on: &image)
        drawFrame(on: &image)

        var diagonal = StrokeCoverage(width: width, height: height)
        diagonal.addPolyline(diagonalPoints(), lineWidth: lineWidth * 0.75)
        diagonal.blend(diagonalColor, onto: &image)

        var stroke = StrokeCoverage(width: width, height: height)
        stroke.addPolyline(polyline(curve.points), lineWidth: lineWidth)
        stroke.blend(curveColor, onto: &image)
        return image
    }

    private func horizontalFraction(_ rate: Double) -> Double {
        switch falsePositiveScale {
        case .linear:
            return rate
        case .logarithmic(let decades):
            guard rate > 0 else { return 0 }
            let lowest = -Double(decades)
            return (max(log10(rate), lowest) - lowest) / -lowest
        }
    }

    private var verticalGridRates: [Double] {
        switch falsePositiveScale {
        case .linear:
            return stride(from: 0, through: 5, by: 1).map { Double($0) / 5 }
        case .logarithmic(let decades):
            return (0...decades).map { pow(10, -Double(decades - $0)) }
        }
    }

    private var horizontalGridRates: [Double] { stride(from: 0, through: 5, by: 1).map { Double($0) / 5 } }

    private func drawGrid(on image: inout RGBImage) {
        let topLeft = position(falsePositiveRate: 0, truePositiveRate: 1)
        let bottomRight = position(falsePositiveRate: 1, truePositiveRate: 0)
        let rows = pixel(topLeft.y, limit: height)...pixel(bottomRight.y, limit: height)
        let columns = pixel(topLeft.x, limit: width)...pixel(bottomRight.x, limit: width)
        for rate in verticalGridRates {
            let column = pixel(position(falsePositiveRate: rate, truePositiveRate: 0).x, limit: width)
            for row in rows { image[column, row] = gridColor }
        }
        for rate in horizontalGridRates {
            let row = pixel(position(falsePositiveRate: 0, truePositiveRate: rate).y, limit: height)
            for column in columns { image[column, row] = gridColor }
        }
    }

    private func drawFrame(on image: inout RGBImage) {
        let topLeft = position(falsePositiveRate: 0, truePositiveRate: 1)
        let bottomRight = position(falsePositiveRate: 1, truePositiveRate: 0)
        let left = pixel(topLeft.x, limit: width), right = pixel(bottomRight.x, limit: width)
        let top = pixel(topLeft.y, limit: height), bottom = pixel(bottomRight.y, limit: height)
        for column in left...right {
            image[column, top] = frameColor
            image[column, bottom] = frameColor
        }
        for row in top...bottom {
            image[left, row] = frameColor
            image[right, row] = frameColor
        }
    }

    private func pixel(_ coordinate: Double, limit: Int) -> Int {
        min(max(Int(coordinate.rounded(.down)), 0), limit - 1)
    }

    private func diagonalPoints() -> [Point2D] {
        switch falsePositiveScale {
        case .linear:
            return [position(falsePositiveRate: 0, truePositiveRate: 0),
                    position(falsePositiveRate: 1, truePositiveRate: 1)]
        case .logarithmic(let decades):
            let steps = 64 * decades
            return (0...steps).map { step in
                let rate = pow(10, -Double(decades) * Double(steps - step) / Double(steps))
                return position(falsePositiveRate: rate, truePositiveRate: rate)
            }
        }
    }

    /// The curve's points in image coordinates; segments are subdivided every few pixels so that they follow a
    /// logarithmic axis instead of cutting straight across it.
    private func polyline(_ points: [ROCCurve.Point]) -> [Point2D] {
        guard let first = points.first else { return [] }
        var result = [position(falsePositiveRate: first.falsePositiveRate, truePositiveRate: first.truePositiveRate)]
        for (a, b) in zip(points, points.dropFirst()) {
            let end = position(falsePositiveRate: b.falsePositiveRate, truePositiveRate: b.truePositiveRate)
            var pieces = 1
            if falsePositiveScale != .linear, a.falsePositiveRate != b.falsePositiveRate {
                pieces = min(512, max(1, Int((abs(end.x - result[result.count - 1].x) / 2).rounded(.up))))
            }
            for piece in stride(from: 1, to: pieces, by: 1) {
                let t = Double(piece) / Double(pieces)
                result.append(position(
                    falsePositiveRate: a.falsePositiveRate + t * (b.falsePositiveRate - a.falsePositiveRate),
                    truePositiveRate: a.truePositiveRate + t * (b.truePositiveRate - a.truePositiveRate)))
            }
            if end != result[result.count - 1] { result.append(end) }
        }
        return result
    }
}
