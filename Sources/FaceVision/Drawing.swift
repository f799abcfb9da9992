/// Drawing simple marks onto an image, in the continuous pixel coordinates of `Point2D` and `Box`: pixel (i, j)
/// covers the square [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5). A pixel belongs to a shape when
/// its centre does. Everything is clipped to the image; non-finite coordinates draw nothing.
extension RGBImage {
    /// Draws the outline of `box`, `thickness` pixels wide and lying inside the box. A box narrower than twice the
    /// thickness comes out filled.
    public mutating func drawRectangle(_ box: Box, thickness: Int, color: (r: UInt8, g: UInt8, b: UInt8)) {
        guard thickness > 0,
              let columns = coveredRange(from: box.x, to: box.x + box.width, limit: width),
              let rows = coveredRange(from: box.y, to: box.y + box.height, limit: height)
        else { return }
        let left = columns.covered.lowerBound, right = columns.covered.upperBound
        let top = rows.covered.lowerBound, bottom = rows.covered.upperBound
        for row in rows.visible {
            if row < top + thickness || row >= bottom - thickness {
                fillRow(row, columns: columns.visible, color: color)
            } else {
                fillRow(row, columns: (left ..< min(left + thickness, right)).clamped(to: columns.visible), color: color)
                fillRow(row, columns: (max(right - thickness, left) ..< right).clamped(to: columns.visible), color: color)
            }
        }
    }

    /// Draws a filled disc: every pixel whose centre lies within `radius` of `center`, and always the pixel that
    /// contains `center` itself, so that even a tiny dot shows.
    public mutating func drawDot(at center: Point2D, radius: Double, color: (r: UInt8, g: UInt8, b: UInt8)) {
        guard center.x.isFinite, center.y.isFinite, radius.isFinite, width > 0, height > 0 else { return }
        let reach = max(radius, 0)
        guard let columns = coveredRange(from: center.x - reach, to: center.x + reach + 1, limit: width)?.visible,
              let rows = coveredRange(from: center.y - reach, to: center.y + reach + 1, limit: height)?.visible
        else { return }
        for row in rows {
            let dy = Double(row) + 0.5 - center.y
            for column in columns {
                let dx = Double(column) + 0.5 - center.x
                if dx * dx + dy * dy <= reach * reach { self[column, row] = color }
            }
        }
        if center.x >= 0, center.y >= 0, center.x < Double(width), center.y < Double(height) {
            self[Int(center.x), Int(center.y)] = color
        }
    }

    /// The pixel indices whose centres lie in [start, end), unclipped (`covered`) and clipped to 0..<limit
    /// (`visible`); nil when a coordinate is not finite or the clipped range is empty.
    private func coveredRange(from start: Double, to end: Double, limit: Int) -> (covered: Range<Int>, visible: Range<Int>)? {
        guard start.isFinite, end.isFinite, end > start else { return nil }
        let bound = Double(limit) + 1
        let first = Int(min(max((start - 0.5).rounded(.up), -bound), bound))
        let past = Int(min(max((end - 0.5).rounded(.up), -bound), bound))
        guard past > first else { return nil }
        let covered = first ..< past
        let visible = covered.clamped(to: 0 ..< limit)
        return visible.isEmpty ? nil : (covered, visible)
    }

    private mutating func fillRow(_ row: Int, columns: Range<Int>, color: (r: UInt8, g: UInt8, b: UInt8)) {
        for column in columns { self[column, row] = color }
    }
}
