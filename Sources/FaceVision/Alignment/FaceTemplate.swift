/// Where an embedder expects the five face landmarks to sit in its input image, and that image's size.
///
/// Points are in the same order as `DetectedFace.landmarks` (image-left eye, image-right eye, nose tip,
/// image-left mouth corner, image-right mouth corner) and in pixel-index coordinates: `(i, j)` is the centre of
/// output pixel column `i`, row `j` (see docs/alignment.md). Replace a built-in template by building another.
public struct FaceTemplate: Sendable, Equatable {
    /// Names the template in errors and logs.
    public var name: String
    public var width: Int
    public var height: Int
    public var points: [Point2D]
    /// How much each point counts in the least-squares fit, in the order of `points`; all 1 unless a template
    /// trusts some landmarks less (dlib150 weights the nose and mouth down, see docs/alignment.md).
    public var weights: [Double]
    public var fitting: Fitting

    /// How landmarks and template points are turned into the chip-to-image mapping, following the tool whose
    /// embedder was trained on such chips.
    public enum Fitting: Sendable, Equatable {
        /// Least squares from the landmarks to the template (insightface, `skimage` + `cv2.warpAffine`); the
        /// chip samples the image through the inverse of that fit.
        case landmarksToTemplate
        /// dlib's `get_face_chip_details` + `extract_image_chip`: least squares from the template to the
        /// landmarks, then the chip's corner pixels are put on a rectangle of `size × scale` image pixels centred
        /// on the image of the chip's geometric centre, which scales the chip by `(size·scale − 1)/(size − 1)`.
        case dlibChip
    }

    /// `weights` default to 1 for every point; they must be finite and non-negative, two of them positive.
    public init(name: String, width: Int, height: Int, points: [Point2D], weights: [Double]? = nil, fitting: Fitting) {
        let weights = weights ?? Array(repeating: 1, count: points.count)
        precondition(width > 0 && height > 0, "FaceTemplate \(name): size \(width)×\(height) is empty")
        precondition(points.count >= 2, "FaceTemplate \(name): \(points.count) points cannot fix a similarity")
        precondition(weights.count == points.count, "FaceTemplate \(name): \(weights.count) weights for \(points.count) points")
        precondition(weights.allSatisfy { $0.isFinite && $0 >= 0 } && weights.count { $0 > 0 } >= 2,
                     "FaceTemplate \(name): weights must be finite, non-negative, and two of them positive")
        precondition(fitting != .dlibChip || width == height, "FaceTemplate \(name): dlib chips are square")
        self.name = name
        self.width = width
        self.height = height
        self.points = points
        self.weights = weights
        self.fitting = fitting
    }

    /// The 112×112 template of insightface's ArcFace models.
    public static let arcFace112 = FaceTemplate(
        name: "arcface-112", width: 112, height: 112,
        points: [
            Point2D(x: 38.2946, y: 51.6963), Point2D(x: 73.5318, y: 51.5014), Point2D(x: 56.0252, y: 71.7366),
            Point2D(x: 41.5493, y: 92.3655), Point2D(x: 70.7299, y: 92.2041),
        ],
        fitting: .landmarksToTemplate)

    /// dlib's face chip (`get_face_chip_details(shape, 150, 0.25)`), the input of its ResNet face embedder, as
    /// MTCNN sees it: the mean of MTCNN's landmarks on 319 chips that dlib itself cut from LFW photos with its
    /// 5-point shape predictor, then moved 1.5 chip pixels up, which verified best on LFW's View 1 training pairs
    /// (docs/alignment.md has the measurement and the tuning). `dlibChip(size:padding:)` derives a similar
    /// template from dlib's mean face shape instead.
    public static let dlib150 = FaceTemplate(
        name: "dlib-150", width: 150, height: 150,
        points: [
            Point2D(x: 46.768, y: 43.553), Point2D(x: 101.468, y: 43.336), Point2D(x: 73.800, y: 75.013),
            Point2D(x: 50.644, y: 102.857), Point2D(x: 97.766, y: 102.744),
        ],
        fitting: .landmarksToTemplate)

    /// A template for dlib's `get_face_chip_details(shape, size, padding)`: its mean face shape put on a
    /// `size × size` chip, `padding` (a fraction of the mean face's extent) added on each side.
    ///
    /// dlib fits 33 of its 68 mean-face landmarks; here MTCNN's five points are taken from that same mean face
    /// (eye centre = mean of the six eye-contour points, nose tip = landmark 30, mouth corners = 48 and 54) and
    /// mapped to the chip like dlib's: `(padding + m) / (1 + 2·padding) × size`.
    public static func dlibChip(size: Int, padding: Double) -> FaceTemplate {
        let scale = Double(size) / (1 + 2 * padding)
        return FaceTemplate(
            name: "dlib-\(size)-padding-\(padding)", width: size, height: size,
            points: dlibMeanFace.map { Point2D(x: (padding + $0.x) * scale, y: (padding + $0.y) * scale) },
            fitting: .dlibChip)
    }

    /// MTCNN's five points on dlib's mean face shape (`mean_face_shape_x/y`, normalised to [0, 1]).
    private static let dlibMeanFace: [Point2D] = [
        centroid(of: dlibImageLeftEyeContour),
        centroid(of: dlibImageRightEyeContour),
        Point2D(x: 0.490127, y: 0.515625),
        Point2D(x: 0.254149, y: 0.780233),
        Point2D(x: 0.726104, y: 0.780233),
    ]

    /// dlib mean-face landmarks 36…41.
    private static let dlibImageLeftEyeContour: [Point2D] = [
        Point2D(x: 0.121737, y: 0.216423), Point2D(x: 0.187122, y: 0.178758), Point2D(x: 0.265825, y: 0.179852),
        Point2D(x: 0.334606, y: 0.231733), Point2D(x: 0.260918, y: 0.245099), Point2D(x: 0.182743, y: 0.244077),
    ]

    /// dlib mean-face landmarks 42…47.
    private static let dlibImageRightEyeContour: [Point2D] = [
        Point2D(x: 0.645647, y: 0.231733), Point2D(x: 0.714428, y: 0.179852), Point2D(x: 0.793132, y: 0.178758),
        Point2D(x: 0.858516, y: 0.216423), Point2D(x: 0.79751, y: 0.244077), Point2D(x: 0.719335, y: 0.245099),
    ]

    private static func centroid(of points: [Point2D]) -> Point2D {
        let count = Double(points.count)
        return Point2D(x: points.reduce(0) { $0 + $1.x } / count, y: points.reduce(0) { $0 + $1.y } / count)
    }
}
