/// A face candidate inside the MTCNN cascade, in the cascade's own convention: corners `(x1, y1)`–`(x2, y2)`
/// read as 1-based inclusive pixel indices (see docs/mtcnn.md).
struct CandidateBox {
    var x1: Double
    var y1: Double
    var x2: Double
    var y2: Double
    var score: Double
    /// The stage's box regression, as fractions of the box's width and height.
    var regression: (Double, Double, Double, Double) = (0, 0, 0, 0)
    var landmarks: [Point2D] = []
    /// Which of the caller's regions this candidate came from, when the cascade runs on given regions.
    var origin = 0

    /// Moves the corners by the regression; `inclusive` measures width as `x2 − x1 + 1`.
    func regressed(inclusive: Bool) -> CandidateBox {
        let extra: Double = inclusive ? 1 : 0
        let w = x2 - x1 + extra, h = y2 - y1 + extra
        var box = self
        box.x1 = x1 + regression.0 * w
        box.y1 = y1 + regression.1 * h
        box.x2 = x2 + regression.2 * w
        box.y2 = y2 + regression.3 * h
        return box
    }

    /// The square of side `max(width, height)` with the same centre.
    func squared() -> CandidateBox {
        let w = x2 - x1, h = y2 - y1
        let side = max(w, h)
        var box = self
        box.x1 = x1 + w * 0.5 - side * 0.5
        box.y1 = y1 + h * 0.5 - side * 0.5
        box.x2 = box.x1 + side
        box.y2 = box.y1 + side
        return box
    }

    /// Corners truncated towards zero.
    func truncated() -> CandidateBox {
        var box = self
        box.x1 = x1.rounded(.towardZero)
        box.y1 = y1.rounded(.towardZero)
        box.x2 = x2.rounded(.towardZero)
        box.y2 = y2.rounded(.towardZero)
        return box
    }
}

/// Greedy non-maximum suppression with the cascade's `+1` pixel areas.
enum NonMaximumSuppression {
    enum Overlap {
        /// Intersection over union.
        case union
        /// Intersection over the smaller of the two areas.
        case minimum
    }

    /// Indices of the boxes kept, highest score first.
    static func keep(_ boxes: [CandidateBox], threshold: Double, overlap: Overlap) -> [Int] {
        // Plain coordinate arrays: the inner loop then touches no box (and no landmark array) at all.
        let scores = boxes.map(\.score)
        let x1 = boxes.map(\.x1), y1 = boxes.map(\.y1), x2 = boxes.map(\.x2), y2 = boxes.map(\.y2)
        let order = boxes.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        let areas = boxes.indices.map { (x2[$0] - x1[$0] + 1) * (y2[$0] - y1[$0] + 1) }
        var kept = [Int]()
        var suppressed = [Bool](repeating: false, count: boxes.count)
        for (rank, best) in order.enumerated() where !suppressed[best] {
            kept.append(best)
            for i in order[(rank + 1)...] where !suppressed[i] {
                let w = max(0, min(x2[best], x2[i]) - max(x1[best], x1[i]) + 1)
                let h = max(0, min(y2[best], y2[i]) - max(y1[best], y1[i]) + 1)
                let inter = w * h
                let ratio = switch overlap {
                case .union: inter / (areas[best] + areas[i] - inter)
                case .minimum: inter / min(areas[best], areas[i])
                }
                if ratio > threshold { suppressed[i] = true }
            }
        }
        return kept
    }
}
