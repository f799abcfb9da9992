/// Re-finding known faces cheaply: O-Net alone on regions where faces are expected (a tracker's predictions),
/// instead of the whole pyramid. About 13 M multiply-adds per region, against hundreds of millions for a frame.
extension MTCNNDetector {
    /// For each region, the face O-Net finds in it (box regressed, five landmarks), or nil when O-Net's score is
    /// under its threshold. Each region is squared about its centre first, as the cascade squares R-Net's boxes.
    public func faces(in image: RGBImage, regions: [Box], options: MTCNNOptions = MTCNNOptions()) throws(VisionError) -> [DetectedFace?] {
        guard image.width > 0, image.height > 0, !regions.isEmpty else { return regions.map { _ in nil } }
        var candidates = [CandidateBox]()
        for (index, region) in regions.enumerated() where region.width >= 1 && region.height >= 1 {
            var box = CandidateBox(x1: region.x, y1: region.y, x2: region.x + region.width, y2: region.y + region.height, score: 0)
            box = box.squared().truncated()
            box.origin = index
            candidates.append(box)
        }
        var multiplyAdds = 0
        let found = try score(image, candidates, with: onet, side: 48, threshold: options.thresholds.onet,
                              landmarks: true, multiplyAdds: &multiplyAdds)
        var result = [DetectedFace?](repeating: nil, count: regions.count)
        for candidate in found {
            result[candidate.origin] = face(from: candidate.regressed(inclusive: true), width: image.width, height: image.height)
        }
        return result
    }
}
