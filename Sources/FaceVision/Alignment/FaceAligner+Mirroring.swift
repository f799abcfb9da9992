extension FaceAligner {
    /// The chip of the face's mirror image: exactly what `align` gives for the photo flipped left to right, with
    /// the landmarks flipped and their left/right roles swapped (eyes, mouth corners), but made without flipping
    /// the photo. For test-time mirror averaging, where the embedder sees both a face and its mirror image.
    public func alignMirrored(_ image: RGBImage, landmarks: [Point2D]) throws(AlignmentError) -> RGBImage {
        BilinearWarp.rgb(
            image, width: template.width, height: template.height,
            chipToImage: try mirroredChipToImage(landmarks: landmarks, imageWidth: image.width),
            border: border, rounding: rounding
        ).flippedHorizontally()
    }

    /// The map that, followed by a left-to-right flip of the chip, gives `alignMirrored`'s chip.
    ///
    /// With `X` the chip-to-image map of the mirrored landmarks in the mirrored photo, the mirrored chip samples
    /// the photo at `M_image(X(c, r))`. Flipping the chip as well gives `M_image ∘ X ∘ M_chip`, two reflections
    /// around a rotation, which is again a similarity without reflection: `(a, −b)` with the translation below.
    public func mirroredChipToImage(landmarks: [Point2D], imageWidth: Int) throws(AlignmentError) -> SimilarityTransform {
        guard landmarks.count == 5 else {
            throw AlignmentError("mirrored alignment to template \(template.name)", .landmarkCountMismatch(expected: 5, got: landmarks.count))
        }
        let imageRight = Double(imageWidth - 1)
        let mirroredLandmarks = landmarks.indices.map { index in
            let source = landmarks[Self.mirrorPartner(index)]
            return Point2D(x: imageRight - source.x, y: source.y)
        }
        let x = try chipToImage(landmarks: mirroredLandmarks)
        let chipRight = Double(template.width - 1)
        return SimilarityTransform(a: x.a, b: -x.b, tx: imageRight - x.a * chipRight - x.tx, ty: x.b * chipRight + x.ty)
    }

    /// The landmark that takes the place of landmark `index` in a mirror image, in `DetectedFace.landmarks`' order
    /// (image-left eye, image-right eye, nose tip, image-left mouth corner, image-right mouth corner).
    static func mirrorPartner(_ index: Int) -> Int {
        switch index {
        case 0: 1
        case 1: 0
        case 3: 4
        case 4: 3
        default: index
        }
    }
}
