import FaceTrain
import FaceVision
import Testing

@Suite struct TrainingHistoryTests {
    private let history = [
        EpochRecord(epoch: 0, learningRate: nil, loss: nil, validationAccuracy: 0.6, validationAccuracySpread: 0.04,
                    images: 0, seconds: 0),
        EpochRecord(epoch: 1, learningRate: 0.001, loss: 6.5, validationAccuracy: 0.7, validationAccuracySpread: 0.03,
                    images: 9000, seconds: 90),
        EpochRecord(epoch: 2, learningRate: 0.0005, loss: 3.25, validationAccuracy: 0.8, validationAccuracySpread: 0.02,
                    images: 9000, seconds: 100),
    ]

    @Test func csvHasAHeaderAndOneRowPerEpochWithEmptyFieldsForTheUntrainedNetwork() {
        let lines = TrainingHistoryCSV.text(of: history).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "epoch,learning_rate,loss,validation_accuracy,validation_accuracy_std,images,seconds,images_per_second")
        #expect(lines[1] == "0,,,0.60000,0.04000,0,0.0,")
        #expect(lines[2] == "1,0.001,6.500000,0.70000,0.03000,9000,90.0,100.00")
        #expect(lines[3] == "2,0.0005,3.250000,0.80000,0.02000,9000,100.0,90.00")
        #expect(lines.count == 5 && lines[4].isEmpty)
    }

    private func count(_ image: RGBImage, rows: Range<Int>, where test: ((r: UInt8, g: UInt8, b: UInt8)) -> Bool) -> Int {
        var found = 0
        for y in rows { for x in 0..<image.width where test(image[x, y]) { found += 1 } }
        return found
    }

    @Test func plotDrawsLossAboveAndAccuracyBelow() {
        let plot = TrainingCurvePlot(width: 400, height: 300)
        let image = plot.render(history)
        #expect(image.width == 400 && image.height == 300)
        let isBlue = { (p: (r: UInt8, g: UInt8, b: UInt8)) in p.b > 150 && p.r < 100 }
        let isOrange = { (p: (r: UInt8, g: UInt8, b: UInt8)) in p.r > 200 && p.g > 90 && p.g < 150 && p.b < 60 }
        #expect(count(image, rows: 0..<150, where: isBlue) > 50)
        #expect(count(image, rows: 150..<300, where: isBlue) == 0)
        #expect(count(image, rows: 150..<300, where: isOrange) > 50)
        #expect(count(image, rows: 0..<150, where: isOrange) == 0)
        // The loss falls: at its first point (epoch 1, the largest loss) the curve touches the panel's top, at the
        // last it sits halfway down.
        let empty = plot.render([])
        #expect(count(empty, rows: 0..<300, where: isBlue) == 0)
    }
}
