/// Cuts a face out of an image as an embedder's input: fits a similarity from the face's five landmarks to a
/// template and resamples the image bilinearly onto the template's grid.
///
/// Landmarks are pixel-index coordinates (MTCNN's: `(x, y)` is the centre of pixel column `x`, row `y`), the same
/// convention as the template's points; docs/alignment.md has the details.
public struct FaceAligner: Sendable {
    public var template: FaceTemplate
    /// The value of every channel where the chip reaches beyond the image.
    public var border: UInt8
    public var rounding: BilinearWarp.Rounding

    public init(template: FaceTemplate, border: UInt8 = 0, rounding: BilinearWarp.Rounding = .nearest) {
        self.template = template
        self.border = border
        self.rounding = rounding
    }

    /// The map from chip pixel positions to image positions for a face with these landmarks.
    public func chipToImage(landmarks: [Point2D]) throws(AlignmentError) -> SimilarityTransform {
        let subject = "alignment to template \(template.name)"
        guard landmarks.count == template.points.count else {
            throw AlignmentError(subject, .landmarkCountMismatch(expected: template.points.count, got: landmarks.count))
        }
        do throws(AlignmentError) {
            switch template.fitting {
            case .landmarksToTemplate:
                return try SimilarityTransform.fit(
                    from: landmarks, to: template.points, weights: template.weights, subject: subject
                ).inverted()
            case .dlibChip:
                let fitted = try SimilarityTransform.fit(
                    from: template.points, to: landmarks, weights: template.weights, subject: subject)
                return dlibChipMapping(fitted)
            }
        } catch {
            switch error.reason {
            case .coincidentSourcePoints, .coincidentTargetPoints: throw AlignmentError(subject, .coincidentLandmarks)
            default: throw error
            }
        }
    }

    /// The aligned face as an 8-bit image of the template's size.
    public func align(_ image: RGBImage, landmarks: [Point2D]) throws(AlignmentError) -> RGBImage {
        BilinearWarp.rgb(
            image, width: template.width, height: template.height,
            chipToImage: try chipToImage(landmarks: landmarks), border: border, rounding: rounding)
    }

    /// The aligned face unquantised: `width × height × 3` floats in 0…255, interleaved R, G, B.
    public func alignedFloats(_ image: RGBImage, landmarks: [Point2D]) throws(AlignmentError) -> [Float] {
        BilinearWarp.floats(
            image, width: template.width, height: template.height,
            chipToImage: try chipToImage(landmarks: landmarks), border: border)
    }

    /// What dlib's chip extraction makes of a fitted chip-to-image similarity: the chip's corner pixels go to a
    /// rectangle of `size·scale − 1` image pixels between corners, centred on the image of the point `size/2`.
    private func dlibChipMapping(_ fitted: SimilarityTransform) -> SimilarityTransform {
        let size = Double(template.width)
        let scale = fitted.scale
        let stretch = (size * scale - 1) / ((size - 1) * scale)
        let centre = fitted.apply(Point2D(x: size / 2, y: size / 2))
        let linear = SimilarityTransform(a: fitted.a * stretch, b: fitted.b * stretch, tx: 0, ty: 0)
        let chipCentre = linear.apply(Point2D(x: (size - 1) / 2, y: (size - 1) / 2))
        return SimilarityTransform(
            a: linear.a, b: linear.b, tx: centre.x - chipCentre.x, ty: centre.y - chipCentre.y)
    }
}
