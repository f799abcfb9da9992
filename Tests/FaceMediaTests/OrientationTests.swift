import FaceMedia
import FaceVision
import Foundation
import Testing

/// Pictures that record how to be turned: a phone's JPEG with an EXIF orientation tag, a portrait video whose MP4
/// header says to turn it. The stored pictures are made by ffmpeg's own `transpose`, `hflip` and `vflip` filters
/// from an upright picture, so what comes out must be that upright picture.
@Suite(.enabled(if: FFmpegCommand.path != nil, "needs the ffmpeg command"))
struct OrientationTests {
    /// Each EXIF orientation value, and the filter that stores an upright picture so that this value shows it
    /// upright again.
    @Test(arguments: [
        (1, "null"), (2, "hflip"), (3, "hflip,vflip"), (4, "vflip"),
        (5, "transpose=cclock_flip"), (6, "transpose=cclock"), (7, "transpose=clock_flip"), (8, "transpose=clock"),
    ])
    func aJPEGIsTurnedAsItsEXIFTagSays(orientation: UInt16, storing filter: String) throws {
        let directory = try TemporaryDirectory()
        let upright = SyntheticImages.gradient(width: 64, height: 40)
        try ImageFile.encode(upright, to: directory.file("upright.png"))
        let stored = directory.file("stored.jpg")
        _ = try FFmpegCommand.run(["-i", directory.file("upright.png"), "-vf", filter, "-q:v", "1", stored])
        let tagged = directory.file("tagged.jpg")
        try Data(Self.insertingEXIFOrientation(orientation, into: try [UInt8](Data(contentsOf: URL(fileURLWithPath: stored)))))
            .write(to: URL(fileURLWithPath: tagged))

        let shown = try ImageFile.decode(path: tagged)
        try #require(shown.width == 64 && shown.height == 40, "\(shown.width)×\(shown.height)")
        #expect(SyntheticImages.meanAbsoluteDifference(shown, upright) < 3)
    }

    /// A clip as a phone stores it: an upright test clip (lossless) with its pictures turned a quarter clockwise,
    /// and the header saying to turn them back (a display matrix of +90°, counter-clockwise).
    static func phoneClip(in directory: TemporaryDirectory) throws -> (upright: String, turned: String) {
        let lossless = ["-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv444p"]
        let upright = try VideoInputTests.makeClip(in: directory, name: "upright.mp4", extra: lossless)
        let stored = directory.file("stored.mp4"), turned = directory.file("turned.mp4")
        _ = try FFmpegCommand.run(["-i", upright, "-vf", "transpose=clock"] + lossless + [stored])
        // The tag is written when the stream is copied (a transcode drops it).
        _ = try FFmpegCommand.run(["-i", stored, "-c", "copy", "-metadata:s:v:0", "rotate=90", turned])
        return (upright, turned)
    }

    /// The phone's clip comes out upright.
    @Test func aTurnedVideoComesOutUpright() throws {
        let directory = try TemporaryDirectory()
        let (upright, turned) = try Self.phoneClip(in: directory)

        let input = try VideoInput(location: .file(path: turned))
        #expect(input.orientation == PictureOrientation(quarterTurnsClockwise: 3))
        #expect(input.width == 320 && input.height == 240)
        let reference = try VideoInput(location: .file(path: upright))
        for _ in 0..<3 {
            let frame = try #require(try input.nextFrame()), expected = try #require(try reference.nextFrame())
            try #require(frame.image.width == 320 && frame.image.height == 240)
            #expect(frame.sourceWidth == 320 && frame.sourceHeight == 240)
            #expect(SyntheticImages.meanAbsoluteDifference(frame.image, expected.image) < 1)
        }

        // Downscaled for analysis, the analysis width is the shown width; the full picture comes upright too.
        let options = VideoInputOptions(analysisWidth: 160, keepsFullResolution: true)
        let scaled = try #require(try VideoInput(location: .file(path: turned), options: options).nextFrame())
        #expect(scaled.image.width == 160 && scaled.image.height == 120 && scaled.scale == 2)
        let full = try #require(scaled.fullImage)
        #expect(full.width == 320 && full.height == 240)
    }

    /// A turn from the configuration (a camera mounted upside down) comes after the header's: the phone's clip,
    /// turned a further half turn, shows upside down; turned a quarter, it stands on its side.
    @Test func aConfiguredTurnFollowsTheHeader() throws {
        let directory = try TemporaryDirectory()
        let (upright, turned) = try Self.phoneClip(in: directory)
        let reference = try #require(try VideoInput(location: .file(path: upright)).nextFrame()).image

        for turns in [2, 1] {
            let turn = PictureOrientation(quarterTurnsClockwise: turns)
            let input = try VideoInput(location: .file(path: turned), options: VideoInputOptions(turn: turn))
            #expect(input.orientation == PictureOrientation(quarterTurnsClockwise: 3).followed(by: turn))
            let frame = try #require(try input.nextFrame())
            let expected = reference.oriented(turn)
            try #require(frame.image.width == expected.width && frame.image.height == expected.height)
            #expect(input.width == expected.width && input.height == expected.height)
            #expect(SyntheticImages.meanAbsoluteDifference(frame.image, expected) < 1)
        }
    }

    /// A JPEG with an APP1 segment right after its start-of-image marker: "Exif", then a little-endian TIFF header
    /// and one directory holding one entry, Orientation (tag 0x0112, type SHORT, one value).
    static func insertingEXIFOrientation(_ orientation: UInt16, into jpeg: [UInt8]) -> [UInt8] {
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        let tiff = Array("II".utf8) + le16(42) + le32(8) + le16(1)
            + le16(0x0112) + le16(3) + le32(1) + le16(orientation) + le16(0) + le32(0)
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = UInt16(payload.count + 2)
        return Array(jpeg.prefix(2)) + [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg.dropFirst(2)
    }
}
