import FaceMedia
import FaceVision
import Foundation
import Testing

@Suite struct ImageRoundTripTests {
    @Test func pngRoundTripIsExact() throws {
        let directory = try TemporaryDirectory()
        let image = SyntheticImages.gradient(width: 37, height: 23, noise: 40)
        let path = directory.file("picture.png")
        try ImageFile.encode(image, to: path)
        #expect(try ImageFile.decode(path: path) == image)
    }

    @Test func uppercaseExtensionsAreAccepted() throws {
        let directory = try TemporaryDirectory()
        let image = SyntheticImages.gradient(width: 8, height: 5)
        try ImageFile.encode(image, to: directory.file("UPPER.PNG"))
        try ImageFile.encode(image, to: directory.file("upper.JPEG"))
        #expect(try ImageFile.decode(path: directory.file("UPPER.PNG")) == image)
        #expect(try ImageFile.decode(path: directory.file("upper.JPEG")).width == 8)
    }

    @Test(arguments: ["photo.jpg", "photo.jpeg"])
    func jpegRoundTripIsClose(name: String) throws {
        let directory = try TemporaryDirectory()
        let image = SyntheticImages.gradient(width: 161, height: 97, noise: 3)
        let path = directory.file(name)
        try ImageFile.encode(image, to: path)
        let header = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)).prefix(3))
        #expect(header == [0xFF, 0xD8, 0xFF])
        let decoded = try ImageFile.decode(path: path)
        #expect(decoded.width == image.width && decoded.height == image.height)
        let difference = SyntheticImages.meanAbsoluteDifference(decoded, image)
        #expect(difference < 2.5, "mean absolute difference \(difference)")
        #expect(decoded != image, "a lossy format cannot reproduce noise exactly")
    }

    @Test func jpegKeepsSaturatedColoursOfThinLines() throws {
        let directory = try TemporaryDirectory()
        var image = RGBImage(width: 64, height: 64, fill: (255, 255, 255))
        for x in 0..<64 { image[x, 31] = (255, 0, 0); image[x, 32] = (255, 0, 0) }
        let path = directory.file("line.jpg")
        try ImageFile.encode(image, to: path)
        let decoded = try ImageFile.decode(path: path)
        let pixel = decoded[20, 31]
        #expect(pixel.r > 200 && pixel.g < 90 && pixel.b < 90, "got \(pixel)")
    }

    @Test func encodeReplacesAnExistingFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write([UInt8](repeating: 7, count: 100_000), to: "old.png")
        let image = SyntheticImages.gradient(width: 4, height: 4)
        try ImageFile.encode(image, to: path)
        #expect(try ImageFile.decode(path: path) == image)
    }

    @Test(arguments: ["img%03d.png", "a:b.png", "star*[1]?.png", "file:x.png", "space name.png"])
    func namesAreNotTakenForPatternsOrURLs(name: String) throws {
        let directory = try TemporaryDirectory()
        let image = SyntheticImages.gradient(width: 6, height: 3)
        let path = directory.file(name)
        try ImageFile.encode(image, to: path)
        #expect(try ImageFile.decode(path: path) == image)
    }

    @Test func formatIsRecognisedByContentNotName() throws {
        let directory = try TemporaryDirectory()
        let image = SyntheticImages.gradient(width: 9, height: 7, noise: 20)
        try ImageFile.encode(image, to: directory.file("real.png"))
        try FileManager.default.moveItem(atPath: directory.file("real.png"), toPath: directory.file("misnamed.jpg"))
        #expect(try ImageFile.decode(path: directory.file("misnamed.jpg")) == image)
    }

    @Test func concurrentDecodesAgree() async throws {
        let directory = try TemporaryDirectory()
        let image = SyntheticImages.gradient(width: 90, height: 70, noise: 25)
        let good = directory.file("good.png")
        try ImageFile.encode(image, to: good)
        let broken = try directory.write(Array("not a picture at all".utf8), to: "broken.png")
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<16 {
                group.addTask {
                    if index.isMultiple(of: 2) { return (try? ImageFile.decode(path: good)) == image }
                    do throws(ImageFileError) { _ = try ImageFile.decode(path: broken); return false } catch { return error.path == broken }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.count == 16 && outcomes.allSatisfy { $0 })
    }

    @Test func gifFirstFrameDecodes() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(CraftedHeaders.gif(screenWidth: 1, screenHeight: 1), to: "dot.gif")
        let image = try ImageFile.decode(path: path)
        #expect(image.width == 1 && image.height == 1)
        #expect(image[0, 0] == (255, 255, 255) || image[0, 0] == (0, 0, 0))
    }
}
