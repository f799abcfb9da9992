/// Gives dlib's unnamed tag and skip records their meaning.
///
/// dlib writes a tag or skip layer as a bare version number, without its kind or id, and `add_prev_` without
/// the tag it adds. This follows dlib's residual templates (dnn_face_recognition_ex, dnn_imagenet_ex), which are
/// the only places those records occur: a lone record is `tag1` (a block's input); two in a row are `tag2` then
/// `skip1` (a down block's main path, then back to its input for the shortcut); `add_prev_` adds the nearest
/// earlier tag. Anything else is reported as an error rather than guessed.
enum DlibTagAssignment {
    static func assign(
        _ stored: [(layer: DlibStoredLayer, offset: Int)], in reader: DlibByteReader
    ) throws(DlibFormatError) -> [DlibLayer] {
        var layers: [DlibLayer] = []
        layers.reserveCapacity(stored.count)
        var nearestTag: Int?
        var index = 0
        while index < stored.count {
            switch stored[index].layer {
            case .layer(let layer):
                layers.append(layer)
                index += 1
            case .addPrevious:
                guard let nearestTag else {
                    throw failure("add_prev_ with no tag layer before it", at: stored[index].offset, index, reader)
                }
                layers.append(.addPrevious(tag: nearestTag))
                index += 1
            case .unnamedMarker:
                var runEnd = index
                while runEnd < stored.count, stored[runEnd].layer == .unnamedMarker { runEnd += 1 }
                switch runEnd - index {
                case 1:
                    layers.append(.tag(1))
                    nearestTag = 1
                case 2:
                    guard layers.contains(.tag(1)) else {
                        throw failure("a tag/skip pair with no tag before it", at: stored[index].offset, index, reader)
                    }
                    layers += [.tag(2), .skip(tag: 1)]
                    nearestTag = 2
                default:
                    throw failure("\(runEnd - index) tag/skip records in a row, a pattern dlib's residual templates never produce",
                                  at: stored[index].offset, index, reader)
                }
                index = runEnd
            }
        }
        return layers
    }

    private static func failure(
        _ reason: String, at offset: Int, _ index: Int, _ reader: DlibByteReader
    ) -> DlibFormatError {
        DlibFormatError(source: reader.source, offset: offset, cause: .invalid(reason), context: "layer \(index)")
    }
}
