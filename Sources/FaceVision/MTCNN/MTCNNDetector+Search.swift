/// Searching where a face was expected but not re-found (a track that O-Net lost on its predicted box, because the
/// face moved further than predicted or changed its look): the whole cascade, but on a window around the
/// prediction and only for faces of about the expected size, so it costs a small fraction of a full detection.
extension MTCNNDetector {
    /// Faces whose sides are at least half of `region`'s longer side, in the window `searchScale` times that side
    /// about `region`'s centre (clipped to the image), in image coordinates, highest score first. Faces that
    /// extend past the window are cut at its edge. The options' minimum face size still applies.
    public func detect(_ image: RGBImage, near region: Box, searchScale: Double = 3, options: MTCNNOptions = MTCNNOptions()) throws(VisionError) -> [DetectedFace] {
        let side = max(region.width, region.height)
        guard side.isFinite, side >= 1, region.x.isFinite, region.y.isFinite else { return [] }
        let window = Self.searchWindow(around: region, side: side * max(1, searchScale), width: image.width, height: image.height)
        guard window.width >= 12, window.height >= 12 else { return [] }
        var windowOptions = options
        windowOptions.minimumFaceSize = max(options.minimumFaceSize, side / 2)
        let part = image.cropped(x: window.x, y: window.y, width: window.width, height: window.height)
        let dx = Double(window.x), dy = Double(window.y)
        return try detect(part, options: windowOptions).map { face in
            var face = face
            face.box.x += dx
            face.box.y += dy
            face.landmarks = face.landmarks.map { Point2D(x: $0.x + dx, y: $0.y + dy) }
            return face
        }
    }

    /// The whole-pixel square of `side` about `region`'s centre, clipped to a `width` × `height` image.
    static func searchWindow(around region: Box, side: Double, width: Int, height: Int) -> (x: Int, y: Int, width: Int, height: Int) {
        let centre = region.centre
        let x1 = max(0, min(width, Int((centre.x - side / 2).rounded(.down))))
        let y1 = max(0, min(height, Int((centre.y - side / 2).rounded(.down))))
        let x2 = max(x1, min(width, Int((centre.x + side / 2).rounded(.up))))
        let y2 = max(y1, min(height, Int((centre.y + side / 2).rounded(.up))))
        return (x1, y1, x2 - x1, y2 - y1)
    }
}
