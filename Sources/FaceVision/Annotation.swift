/// How `facewatch detect --annotate` marks detections: a green outline around each face and a red dot on each
/// landmark, both sized to the picture so they stay visible on large photos.
public enum Annotation {
    public static let boxColor: (r: UInt8, g: UInt8, b: UInt8) = (0, 255, 0)
    public static let landmarkColor: (r: UInt8, g: UInt8, b: UInt8) = (255, 0, 0)

    /// A copy of `image` with every face's box and landmarks drawn on it (landmarks on top of boxes).
    public static func draw(_ faces: [DetectedFace], on image: RGBImage) -> RGBImage {
        let thickness = lineThickness(width: image.width, height: image.height)
        var annotated = image
        for face in faces {
            annotated.drawRectangle(face.box, thickness: thickness, color: boxColor)
        }
        for face in faces {
            for landmark in face.landmarks {
                annotated.drawDot(at: landmark, radius: 1.5 * Double(thickness), color: landmarkColor)
            }
        }
        return annotated
    }

    /// One pixel up to about 450 pixels on the short side, one more per further 300.
    static func lineThickness(width: Int, height: Int) -> Int {
        max(1, (min(width, height) + 150) / 300)
    }
}
