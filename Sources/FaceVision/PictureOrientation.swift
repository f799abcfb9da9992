/// How a stored picture is turned and mirrored to be seen upright, as phones, cameras and EXIF tags record it: one
/// of the eight symmetries of the pixel grid (four quarter turns, each with or without a mirror image).
///
/// The stored pixel at (column, row) is shown at
/// `x = columnToX · column + rowToX · row`, `y = columnToY · column + rowToY · row`, shifted so that the shown
/// picture starts at (0, 0). Each coefficient is −1, 0 or 1, one non-zero per row and per column of the 2 × 2 matrix;
/// y points down, so `(columnToX, rowToX, columnToY, rowToY) = (0, −1, 1, 0)` turns the picture a quarter clockwise.
public struct PictureOrientation: Hashable, Sendable, CustomStringConvertible {
    public let columnToX: Int
    public let rowToX: Int
    public let columnToY: Int
    public let rowToY: Int

    /// Shown as stored.
    public static let upright = PictureOrientation(uncheckedColumnToX: 1, rowToX: 0, columnToY: 0, rowToY: 1)

    /// The orientation with these coefficients, or nil unless they form one of the eight grid symmetries.
    public init?(columnToX: Int, rowToX: Int, columnToY: Int, rowToY: Int) {
        let coefficients = [columnToX, rowToX, columnToY, rowToY]
        guard coefficients.allSatisfy({ abs($0) <= 1 }),
              abs(columnToX) + abs(rowToX) == 1, abs(columnToY) + abs(rowToY) == 1,
              abs(columnToX) + abs(columnToY) == 1
        else { return nil }
        self.init(uncheckedColumnToX: columnToX, rowToX: rowToX, columnToY: columnToY, rowToY: rowToY)
    }

    /// Mirrored left to right first (when `mirrored`), then turned clockwise by `quarterTurnsClockwise` quarter
    /// turns (any integer; four make a whole turn).
    public init(quarterTurnsClockwise: Int, mirrored: Bool = false) {
        var (a, b, c, d) = (mirrored ? -1 : 1, 0, 0, 1)
        for _ in 0..<((quarterTurnsClockwise % 4) + 4) % 4 {
            // A quarter turn clockwise moves a shown point (x, y) to (−y, x).
            (a, b, c, d) = (-c, -d, a, b)
        }
        self.init(uncheckedColumnToX: a, rowToX: b, columnToY: c, rowToY: d)
    }

    private init(uncheckedColumnToX: Int, rowToX: Int, columnToY: Int, rowToY: Int) {
        self.columnToX = uncheckedColumnToX
        self.rowToX = rowToX
        self.columnToY = columnToY
        self.rowToY = rowToY
    }

    /// This orientation, then `next` applied to the picture it shows: e.g. what a stream's header says, then a turn
    /// the configuration adds for a camera mounted upside down.
    public func followed(by next: PictureOrientation) -> PictureOrientation {
        PictureOrientation(
            uncheckedColumnToX: next.columnToX * columnToX + next.rowToX * columnToY,
            rowToX: next.columnToX * rowToX + next.rowToX * rowToY,
            columnToY: next.columnToY * columnToX + next.rowToY * columnToY,
            rowToY: next.columnToY * rowToX + next.rowToY * rowToY)
    }

    /// Whether stored columns become shown rows (a quarter or three-quarter turn): width and height trade places.
    public var swapsAxes: Bool { columnToX == 0 }

    /// The size of the shown picture for a stored picture of the given size; also the stored size for a shown
    /// one, since the same swap undoes itself.
    public func shownSize(width: Int, height: Int) -> (width: Int, height: Int) {
        swapsAxes ? (height, width) : (width, height)
    }

    public var description: String {
        let turns = (0..<4).first { PictureOrientation(quarterTurnsClockwise: $0) == self }
        if let turns { return turns == 0 ? "upright" : "turned \(turns * 90)° clockwise" }
        let mirroredTurns = (0..<4).first { PictureOrientation(quarterTurnsClockwise: $0, mirrored: true) == self }!
        return "mirrored, then turned \(mirroredTurns * 90)° clockwise"
    }
}

extension RGBImage {
    /// The picture as it is meant to be seen: turned and mirrored by `orientation` (itself when upright).
    public func oriented(_ orientation: PictureOrientation) -> RGBImage {
        guard orientation != .upright else { return self }
        let shown = orientation.shownSize(width: width, height: height)
        let (a, b, c, d) = (orientation.columnToX, orientation.rowToX, orientation.columnToY, orientation.rowToY)
        // The shift that puts the smallest shown coordinate at 0.
        let originX = (a < 0 ? width - 1 : 0) + (b < 0 ? height - 1 : 0)
        let originY = (c < 0 ? width - 1 : 0) + (d < 0 ? height - 1 : 0)
        let step = (c * shown.width + a) * 3
        let result = [UInt8](unsafeUninitializedCapacity: pixels.count) { target, initialized in
            pixels.withUnsafeBufferPointer { source in
                for row in 0..<height {
                    var to = ((originY + d * row) * shown.width + originX + b * row) * 3
                    var from = row * width * 3
                    for _ in 0..<width {
                        target[to] = source[from]
                        target[to + 1] = source[from + 1]
                        target[to + 2] = source[from + 2]
                        to += step
                        from += 3
                    }
                }
            }
            // Every stored pixel lands on a distinct shown pixel, so all of them are written.
            initialized = pixels.count
        }
        return RGBImage(width: shown.width, height: shown.height, pixels: result)
    }
}
