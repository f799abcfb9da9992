import FaceTrain
import FaceVision
import NeuralEngine
import Testing

@Suite struct PairValidationTests {
    /// Same-person pairs show one chip twice (distance 0), different-person pairs two people's chips: any network
    /// separates them perfectly, except where a chip is missing, which counts as a wrong answer.
    @Test func identicalChipsSeparateAndMissingChipsCountWrong() throws {
        var pairs: [FacePair] = []
        for fold in 0..<2 {
            for index in 0..<5 {
                let person = (fold * 5 + index) % 4
                pairs.append(FacePair(pathA: "p\(person)/a", pathB: "p\(person)/a", isSame: true, fold: fold, line: 0))
                pairs.append(FacePair(pathA: "p\(person)/a", pathB: "p\((person + 1) % 4)/a", isSame: false, fold: fold, line: 0))
            }
        }
        pairs.append(FacePair(pathA: "p0/a", pathB: "missing", isSame: true, fold: 1, line: 0))
        let validation = try PairValidation(pairs: pairs) { path in
            guard path != "missing" else { return nil }
            return SyntheticChips.chip(person: Int(path.dropFirst().prefix(1))!, image: 0, side: 20, seed: 3)
        }
        #expect(validation.pairsWithoutChips == 1)
        #expect(validation.smallestChipSide == 20)
        var generator = SeededGenerator(seed: 9)
        let network = EmbeddingNetwork.embedder(EmbeddingNetwork.features(SyntheticChips.tinyNetwork, using: &generator))
        let accuracy = try validation.evaluate(network, inputSide: 16, chunk: 3)
        #expect(accuracy.folds.map(\.accuracy) == [1, 10.0 / 11.0])

        let unusable = try PairValidation(pairs: Array(pairs.prefix(2))) { _ in nil }
        #expect(unusable.pairsWithoutChips == 2)
        #expect {
            _ = try unusable.evaluate(network, inputSide: 16)
        } throws: { error in
            "\(error)".hasPrefix("validation pairs: ")
        }
    }
}
