import FaceVision

/// Faces and frame times for tracker scenarios.
enum FaceFixtures {
    /// A detected face of `size` × `size` pixels centred on (`x`, `y`), with landmarks placed as on a frontal face.
    static func face(x: Double, y: Double, size: Double = 80, score: Double = 0.99) -> DetectedFace {
        let box = Box(x: x - size / 2, y: y - size / 2, width: size, height: size)
        let landmarks = [(0.3, 0.35), (0.7, 0.35), (0.5, 0.55), (0.35, 0.75), (0.65, 0.75)].map { point in
            Point2D(x: box.x + point.0 * size, y: box.y + point.1 * size)
        }
        return DetectedFace(box: box, score: score, landmarks: landmarks)
    }

    /// The presentation time of frame `index` of a stream at `framesPerSecond`.
    static func time(ofFrame index: Int, framesPerSecond: Double = 30) -> Double {
        Double(index) / framesPerSecond
    }

    static func centre(of box: Box) -> Point2D {
        Point2D(x: box.x + box.width / 2, y: box.y + box.height / 2)
    }
}
