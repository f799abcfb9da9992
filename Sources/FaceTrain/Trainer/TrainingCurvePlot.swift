import FaceVision

/// Draws a run's history as a picture, for `facewatch train --plot`: two panels over the same epoch axis (epoch 0
/// at the left edge, the last at the right, a vertical grid line per epoch up to 20 epochs, else every fifth).
///
/// - Top: the training loss (blue), from 0 at the bottom to the largest epoch loss at the top, horizontal grid
///   lines at quarters.
/// - Bottom: the validation accuracy (orange) from 0.5 at the bottom to 1.0 at the top, a grid line every 0.1;
///   with its ±1 standard deviation band (light orange).
///
/// Like `ROCPlot` it draws no text; docs/training.md says how to read it, and the CSV beside it has the numbers.
public struct TrainingCurvePlot: Sendable {
    public var width: Int
    public var height: Int
    public var lossColor: ROCPlot.Color = (20, 80, 220)
    public var accuracyColor: ROCPlot.Color = (230, 120, 20)
    public var bandColor: ROCPlot.Color = (250, 215, 180)
    public var gridColor: ROCPlot.Color = (220, 220, 220)
    public var frameColor: ROCPlot.Color = (40, 40, 40)

    public init(width: Int = 800, height: Int = 600) {
        precondition(width >= 64 && height >= 64, "TrainingCurvePlot: at least 64×64 pixels")
        self.width = width
        self.height = height
    }

    /// A panel's drawing area in continuous pixel coordinates.
    struct Panel {
        var left: Double, right: Double, top: Double, bottom: Double

        func point(_ fraction: Double, _ value: Double) -> Point2D {
            Point2D(x: left + fraction * (right - left), y: bottom - min(max(value, 0), 1) * (bottom - top))
        }
    }

    var panels: (loss: Panel, accuracy: Panel) {
        let margin = Double(max(4, min(width, height) / 20))
        let gap = margin
        let panelHeight = (Double(height) - 2 * margin - gap) / 2
        let left = margin + 0.5, right = Double(width) - margin - 0.5
        let loss = Panel(left: left, right: right, top: margin + 0.5, bottom: margin + panelHeight - 0.5)
        let accuracy = Panel(left: left, right: right, top: margin + panelHeight + gap + 0.5,
                             bottom: Double(height) - margin - 0.5)
        return (loss, accuracy)
    }

    public func render(_ history: [EpochRecord]) -> RGBImage {
        var image = RGBImage(width: width, height: height, fill: (255, 255, 255))
        let (lossPanel, accuracyPanel) = panels
        let lastEpoch = max(1, history.map(\.epoch).max() ?? 1)
        let step = lastEpoch <= 20 ? 1 : 5
        for panel in [lossPanel, accuracyPanel] {
            for epoch in stride(from: 0, through: lastEpoch, by: step) {
                let x = panel.point(Double(epoch) / Double(lastEpoch), 0).x
                drawLine(on: &image, fromX: x, toX: x, fromY: panel.top, toY: panel.bottom, color: gridColor)
            }
        }
        for quarter in 1...3 {
            let y = lossPanel.point(0, Double(quarter) / 4).y
            drawLine(on: &image, fromX: lossPanel.left, toX: lossPanel.right, fromY: y, toY: y, color: gridColor)
        }
        for tenth in 1...4 {
            let y = accuracyPanel.point(0, Double(tenth) / 5).y
            drawLine(on: &image, fromX: accuracyPanel.left, toX: accuracyPanel.right, fromY: y, toY: y, color: gridColor)
        }

        let lineWidth = max(1.5, Double(min(width, height)) / 320)
        let accuracies = history.compactMap { record in
            record.validationAccuracy.map { (record.epoch, $0, record.validationAccuracySpread ?? 0) }
        }
        func accuracyFraction(_ value: Double) -> Double { (value - 0.5) / 0.5 }
        if !accuracies.isEmpty {
            var band = StrokeCoverage(width: width, height: height)
            for (epoch, accuracy, spread) in accuracies {
                let x = Double(epoch) / Double(lastEpoch)
                band.addSegment(from: accuracyPanel.point(x, accuracyFraction(accuracy - spread)),
                                to: accuracyPanel.point(x, accuracyFraction(accuracy + spread)), lineWidth: lineWidth * 3)
            }
            band.blend(bandColor, onto: &image)
            var curve = StrokeCoverage(width: width, height: height)
            curve.addPolyline(accuracies.map { accuracyPanel.point(Double($0.0) / Double(lastEpoch), accuracyFraction($0.1)) },
                              lineWidth: lineWidth)
            curve.blend(accuracyColor, onto: &image)
        }
        let losses = history.compactMap { record in record.loss.map { (record.epoch, $0) } }
        if let largest = losses.map(\.1).max(), largest > 0 {
            var curve = StrokeCoverage(width: width, height: height)
            curve.addPolyline(losses.map { lossPanel.point(Double($0.0) / Double(lastEpoch), $0.1 / largest) },
                              lineWidth: lineWidth)
            curve.blend(lossColor, onto: &image)
        }
        for panel in [lossPanel, accuracyPanel] {
            drawLine(on: &image, fromX: panel.left, toX: panel.right, fromY: panel.top, toY: panel.top, color: frameColor)
            drawLine(on: &image, fromX: panel.left, toX: panel.right, fromY: panel.bottom, toY: panel.bottom, color: frameColor)
            drawLine(on: &image, fromX: panel.left, toX: panel.left, fromY: panel.top, toY: panel.bottom, color: frameColor)
            drawLine(on: &image, fromX: panel.right, toX: panel.right, fromY: panel.top, toY: panel.bottom, color: frameColor)
        }
        return image
    }

    /// A one-pixel horizontal or vertical line.
    private func drawLine(on image: inout RGBImage, fromX: Double, toX: Double, fromY: Double, toY: Double,
                          color: ROCPlot.Color) {
        func pixel(_ value: Double, _ limit: Int) -> Int { min(max(Int(value.rounded(.down)), 0), limit - 1) }
        for x in pixel(min(fromX, toX), width)...pixel(max(fromX, toX), width) {
            for y in pixel(min(fromY, toY), height)...pixel(max(fromY, toY), height) { image[x, y] = color }
        }
    }
}
