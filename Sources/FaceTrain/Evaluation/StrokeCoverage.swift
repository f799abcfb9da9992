import FaceVision

/// How much of each pixel a set of thick line segments covers, for anti-aliased drawing: segments are added one by
/// one, overlapping strokes keep the larger coverage (so joints do not darken), and the result is blended onto an
/// image in one colour. Coordinates are continuous: pixel (i, j) covers [i, i+1) × [j, j+1), centre (i+½, j+½).
struct StrokeCoverage {
    let width: Int
    let height: Int
    private var coverage: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        coverage = [Float](repeating: 0, count: width * height)
    }

    /// Adds a segment `lineWidth` pixels wide with round ends. A pixel's coverage falls linearly from 1 to 0 as its
    /// centre goes from half a pixel inside the stroke's edge to half a pixel outside it.
    mutating func addSegment(from start: Point2D, to end: Point2D, lineWidth: Double) {
        guard start.x.isFinite, start.y.isFinite, end.x.isFinite, end.y.isFinite, width > 0, height > 0 else { return }
        let reach = lineWidth / 2 + 0.5
        let firstColumn = max(0, Int((min(start.x, end.x) - reach).rounded(.down)))
        let lastColumn = min(width - 1, Int((max(start.x, end.x) + reach).rounded(.up)))
        let firstRow = max(0, Int((min(start.y, end.y) - reach).rounded(.down)))
        let lastRow = min(height - 1, Int((max(start.y, end.y) + reach).rounded(.up)))
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return }
        let dx = end.x - start.x, dy = end.y - start.y
        let lengthSquared = dx * dx + dy * dy
        for row in firstRow...lastRow {
            let py = Double(row) + 0.5
            for column in firstColumn...lastColumn {
                let px = Double(column) + 0.5
                let along = lengthSquared > 0
                    ? min(max(((px - start.x) * dx + (py - start.y) * dy) / lengthSquared, 0), 1)
                    : 0
                let ox = px - (start.x + along * dx), oy = py - (start.y + along * dy)
                let distance = (ox * ox + oy * oy).squareRoot()
                let value = Float(min(max(reach - distance, 0), 1))
                let index = row * width + column
                if value > coverage[index] { coverage[index] = value }
            }
        }
    }

    /// Adds the segments joining consecutive points.
    mutating func addPolyline(_ points: [Point2D], lineWidth: Double) {
        if points.count == 1 { addSegment(from: points[0], to: points[0], lineWidth: lineWidth) }
        for (a, b) in zip(points, points.dropFirst()) { addSegment(from: a, to: b, lineWidth: lineWidth) }
    }

    /// Mixes `color` into `image` in proportion to each pixel's coverage.
    func blend(_ color: (r: UInt8, g: UInt8, b: UInt8), onto image: inout RGBImage) {
        precondition(image.width == width && image.height == height, "StrokeCoverage: image size differs")
        for row in 0..<height {
            for column in 0..<width {
                let amount = coverage[row * width + column]
                guard amount > 0 else { continue }
                let old = image[column, row]
                image[column, row] = (Self.mix(old.r, color.r, amount), Self.mix(old.g, color.g, amount),
                                      Self.mix(old.b, color.b, amount))
            }
        }
    }

    private static func mix(_ background: UInt8, _ foreground: UInt8, _ amount: Float) -> UInt8 {
        UInt8((Float(background) * (1 - amount) + Float(foreground) * amount).rounded())
    }
}
