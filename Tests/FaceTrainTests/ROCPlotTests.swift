import FaceTrain
import FaceVision
import Testing

@Suite struct ROCPlotTests {
    private typealias Color = (r: UInt8, g: UInt8, b: UInt8)

    private func point(_ fpr: Double, _ tpr: Double) -> ROCCurve.Point {
        ROCCurve.Point(falsePositiveRate: fpr, truePositiveRate: tpr)
    }

    private func pixel(at position: Point2D) -> (x: Int, y: Int) { (Int(position.x), Int(position.y)) }

    /// A plot with lines thick enough that some pixel on each line is fully covered.
    private func plot(width: Int, height: Int, scale: ROCPlot.Scale = .linear) -> ROCPlot {
        var plot = ROCPlot(width: width, height: height, falsePositiveScale: scale)
        plot.lineWidth = 3
        return plot
    }

    /// Whether the pixel holding `position`, or one of its eight neighbours, has exactly `color`.
    private func near(_ color: Color, at position: Point2D, in image: RGBImage) -> Bool {
        let (x, y) = pixel(at: position)
        for dy in -1...1 {
            for dx in -1...1 where image[x + dx, y + dy] == color { return true }
        }
        return false
    }

    @Test func linearPlotShowsCurveDiagonalGridAndBackground() {
        let plot = plot(width: 200, height: 160)
        let image = plot.render(ROCCurve(points: [point(0, 0), point(0, 1), point(1, 1)]))
        #expect(image.width == 200 && image.height == 160)
        #expect(image[0, 0] == plot.backgroundColor)

        for (fpr, tpr) in [(0.0, 0.5), (0.0, 0.9), (0.3, 1.0), (0.7, 1.0)] {
            let found = near(plot.curveColor, at: plot.position(falsePositiveRate: fpr, truePositiveRate: tpr), in: image)
            #expect(found, "curve at (\(fpr), \(tpr))")
        }
        for rate in [0.3, 0.5, 0.7] {
            let found = near(plot.diagonalColor, at: plot.position(falsePositiveRate: rate, truePositiveRate: rate),
                             in: image)
            #expect(found, "diagonal at \(rate)")
        }
        let gridLine = pixel(at: plot.position(falsePositiveRate: 0.4, truePositiveRate: 0.1))
        #expect(image[gridLine.x, gridLine.y] == plot.gridColor)
        let corner = pixel(at: plot.position(falsePositiveRate: 1, truePositiveRate: 0))
        #expect(image[corner.x, corner.y] == plot.frameColor)
        for (fpr, tpr) in [(0.1, 0.5), (0.5, 0.1), (0.9, 0.7), (0.3, 0.9)] {
            let (x, y) = pixel(at: plot.position(falsePositiveRate: fpr, truePositiveRate: tpr))
            #expect(image[x, y] == plot.backgroundColor)
        }
    }

    /// A slanted segment from (0, 0) to (0.2, 0.8) leaves no gap: every column it crosses has a curve pixel where
    /// the line passes.
    @Test func slantedSegmentsAreContinuous() {
        let plot = plot(width: 300, height: 300)
        let image = plot.render(ROCCurve(points: [point(0, 0), point(0.2, 0.8), point(1, 1)]))
        let start = plot.position(falsePositiveRate: 0, truePositiveRate: 0)
        let end = plot.position(falsePositiveRate: 0.2, truePositiveRate: 0.8)
        for column in Int(start.x) + 1..<Int(end.x) {
            let x = Double(column) + 0.5
            let y = start.y + (x - start.x) / (end.x - start.x) * (end.y - start.y)
            let rows = Int(y) - 2...Int(y) + 2
            #expect(rows.contains { image[column, $0] == plot.curveColor }, "column \(column)")
        }
    }

    /// Anti-aliasing: beside a horizontal stretch of the curve, pixels mix the curve and background colours.
    @Test func edgesAreBlended() {
        let plot = plot(width: 200, height: 200)
        let image = plot.render(ROCCurve(points: [point(0, 0), point(0, 0.5), point(1, 0.5), point(1, 1)]))
        let centre = plot.position(falsePositiveRate: 0.5, truePositiveRate: 0.5)
        let column = Int(centre.x) + 3
        let blended = (Int(centre.y) - 3...Int(centre.y) + 3).filter { row in
            let color = image[column, row]
            return color != plot.curveColor && color != plot.backgroundColor
        }
        #expect(!blended.isEmpty)
        #expect(image[column, Int(centre.y)] == plot.curveColor)
    }

    /// On a 4-decade logarithmic axis FPR 10⁻³ lies a quarter of the way across, and a step of the curve there
    /// shows up at that column, not at the left edge.
    @Test func logarithmicAxisSpreadsSmallRates() {
        let plot = plot(width: 420, height: 300, scale: .logarithmic(decades: 4))
        let left = plot.position(falsePositiveRate: 1e-4, truePositiveRate: 0).x
        let right = plot.position(falsePositiveRate: 1, truePositiveRate: 0).x
        let thousandth = plot.position(falsePositiveRate: 1e-3, truePositiveRate: 0).x
        #expect(abs((thousandth - left) / (right - left) - 0.25) < 1e-12)
        #expect(plot.position(falsePositiveRate: 0, truePositiveRate: 0).x == left)
        #expect(plot.position(falsePositiveRate: 1e-6, truePositiveRate: 0).x == left)

        let image = plot.render(ROCCurve(points: [point(0, 0), point(0, 0.3), point(1e-3, 0.3), point(1e-3, 0.9),
                                                  point(1, 0.9), point(1, 1)]))
        let step = near(plot.curveColor, at: plot.position(falsePositiveRate: 1e-3, truePositiveRate: 0.6), in: image)
        let plateau = near(plot.curveColor, at: plot.position(falsePositiveRate: 1e-2, truePositiveRate: 0.9), in: image)
        #expect(step && plateau)
        let gap = pixel(at: plot.position(falsePositiveRate: 3e-4, truePositiveRate: 0.5))
        #expect(image[gap.x, gap.y] == plot.backgroundColor)
        let decadeLine = pixel(at: plot.position(falsePositiveRate: 1e-2, truePositiveRate: 0.5))
        #expect(image[decadeLine.x, decadeLine.y] == plot.gridColor)
    }
}
