/// A full detection on a frame where a tracker expects faces: the cascade's first two stages need nothing but the
/// image, so they can run ahead on another thread; O-Net then examines, of R-Net's candidates around each
/// expected face, the best one first and the others only if O-Net rejects it. R-Net leaves several candidates on
/// every face (its suppression keeps boxes that overlap by up to 0.7), and O-Net, which costs about nine R-Net
/// passes, would otherwise examine them all to keep one. Candidates elsewhere are examined as in a plain
/// detection, so faces new to the tracker are found as before, and a face far from where it was expected is
/// simply treated as new.
extension MTCNNDetector {
    /// The overlap (intersection over union) with an expected face above which R-Net's candidates count as that
    /// face's. Tight, so that a neighbour's face is not taken for it.
    public static let expectedFaceOverlap = 0.5

    /// The cascade's first two stages for `image`: the pyramid through P-Net, then R-Net.
    public func proposals(_ image: RGBImage, options: MTCNNOptions = MTCNNOptions()) throws(VisionError) -> FaceProposals {
        var profile = MTCNNProfile()
        return try proposals(image, options: options, profile: &profile)
    }

    /// The cascade's first two stages, recording where the time went.
    public func proposals(_ image: RGBImage, options: MTCNNOptions, profile: inout MTCNNProfile) throws(VisionError) -> FaceProposals {
        guard image.width > 0, image.height > 0 else { return FaceProposals(width: image.width, height: image.height, candidates: []) }
        var candidates = try pyramidCandidates(image, options: options, profile: &profile)
        if !candidates.isEmpty { candidates = try refine(image, candidates, options: options, profile: &profile) }
        return FaceProposals(width: image.width, height: image.height, candidates: candidates)
    }

    /// The faces O-Net finds among `proposals` (made from this image), highest score first. For each box in
    /// `expected`, O-Net first examines only the best-scored candidate that overlaps it by more than
    /// `expectedFaceOverlap`, and the others only when O-Net rejects that one. With nothing expected this is
    /// exactly `detect(_:options:)`.
    public func detect(_ image: RGBImage, proposals: FaceProposals, expecting expected: [Box] = [],
                       options: MTCNNOptions = MTCNNOptions()) throws(VisionError) -> [DetectedFace] {
        var profile = MTCNNProfile()
        return try detect(image, proposals: proposals, expecting: expected, options: options, profile: &profile)
    }

    /// The faces among `proposals`, recording where the time went.
    public func detect(_ image: RGBImage, proposals: FaceProposals, expecting expected: [Box], options: MTCNNOptions,
                       profile: inout MTCNNProfile) throws(VisionError) -> [DetectedFace] {
        precondition(proposals.width == image.width && proposals.height == image.height,
                     "proposals made for a \(proposals.width)×\(proposals.height) image used on a \(image.width)×\(image.height) one")
        var candidates = proposals.candidates
        for index in candidates.indices { candidates[index].origin = index }
        let rounds = Self.rounds(candidates, around: expected)
        var passed = try onetPasses(image, rounds.first.map { candidates[$0] }, options: options, profile: &profile)
        let found = Set(passed.map(\.origin))
        var reserves = Set<Int>()
        for (best, reserve) in zip(rounds.best, rounds.reserves) {
            if let best, !found.contains(best) { reserves.formUnion(reserve) }
        }
        if !reserves.isEmpty {
            passed += try onetPasses(image, reserves.sorted().map { candidates[$0] }, options: options, profile: &profile)
        }
        return finalSuppression(passed, profile: &profile).map { face(from: $0, width: image.width, height: image.height) }
    }

    /// Which candidates O-Net examines first (those that overlap no expected face by more than
    /// `expectedFaceOverlap`, and each expected face's best-scored one), each expected face's best, and the
    /// others that overlap it (its reserve, examined when its best is rejected). Indices into `candidates`.
    static func rounds(_ candidates: [CandidateBox], around expected: [Box]) -> (first: [Int], best: [Int?], reserves: [[Int]]) {
        var best = [Int?](repeating: nil, count: expected.count)
        var overlapping = [[Int]](repeating: [], count: expected.count)
        var nearExpected = [Bool](repeating: false, count: candidates.count)
        for (index, candidate) in candidates.enumerated() {
            let box = Box(x: candidate.x1, y: candidate.y1, width: candidate.x2 - candidate.x1, height: candidate.y2 - candidate.y1)
            for (k, face) in expected.enumerated() where box.intersectionOverUnion(face) > expectedFaceOverlap {
                nearExpected[index] = true
                overlapping[k].append(index)
                if best[k].map({ candidates[$0].score < candidate.score }) ?? true { best[k] = index }
            }
        }
        let bests = Set(best.compactMap { $0 })
        let first = candidates.indices.filter { !nearExpected[$0] || bests.contains($0) }
        let reserves = overlapping.map { $0.filter { !bests.contains($0) } }
        return (first, best, reserves)
    }
}

/// The candidate boxes of the cascade's first two stages (P-Net's proposals as R-Net scored and moved them) for
/// one image; O-Net finishes them with `MTCNNDetector.detect(_:proposals:expecting:options:)` on the same image.
public struct FaceProposals: Sendable {
    /// The size of the image they were made from.
    public let width: Int
    public let height: Int
    let candidates: [CandidateBox]
}
