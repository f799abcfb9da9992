import FaceTrain
import FaceVision
import Testing

@Suite struct ChipBatchTests {
    /// A 4×4 chip whose red value is 10·x + y, green 100 + x, blue 200.
    private var gradientChip: RGBImage {
        var chip = RGBImage(width: 4, height: 4)
        for y in 0..<4 { for x in 0..<4 { chip[x, y] = (UInt8(10 * x + y), UInt8(100 + x), 200) } }
        return chip
    }

    private func normalised(_ value: Int) -> Float { (Float(value) - 127.5) / 127.5 }

    @Test func centreCropTakesTheMiddleInPlanarOrder() {
        let batch = ChipBatch(inputSide: 2)
        let tensor = batch.evaluationTensor(of: [gradientChip])
        #expect(tensor.shape == [1, 3, 2, 2])
        // Centre crop of a 4×4 chip at side 2 starts at (1, 1): pixels (1,1) (2,1) / (1,2) (2,2).
        #expect(Array(tensor.values[0..<4]) == [11, 21, 12, 22].map(normalised))
        #expect(Array(tensor.values[4..<8]) == [101, 102, 101, 102].map(normalised))
        #expect(Array(tensor.values[8..<12]) == [200, 200, 200, 200].map(normalised))
    }

    @Test func mirroredCropReversesEachRow() {
        let batch = ChipBatch(inputSide: 3)
        let tensor = batch.tensor(of: [gradientChip], crops: [ChipBatch.Crop(x: 1, y: 0, mirrored: true)])
        // Columns 1…3 of row 0 read right to left: x = 3, 2, 1.
        #expect(Array(tensor.values[0..<3]) == [30, 20, 10].map(normalised))
    }

    @Test func randomCropsStayInsideAndMirrorSometimes() {
        let batch = ChipBatch(inputSide: 64)
        var generator = SeededGenerator(seed: 5)
        let crops = (0..<200).map { _ in batch.randomCrop(chipSide: 72, using: &generator) }
        #expect(crops.allSatisfy { (0...8).contains($0.x) && (0...8).contains($0.y) })
        #expect(Set(crops.map(\.x)).count == 9)
        let mirrored = crops.count(where: \.mirrored)
        #expect(mirrored > 60 && mirrored < 140)
    }
}
