import FaceMedia
import FaceVision
import Foundation
import Testing

@Suite struct ImageFileErrorTests {
    /// The error decoding `path` throws, checked to be one line that starts with `path`.
    private func decodeError(_ path: String, maxPixels: Int = 100_000_000) -> ImageFileError? {
        let error = thrownError(decoding: path, maxPixels: maxPixels)
        if let error { expectOneLineNaming(error, path) }
        return error
    }

    private func thrownError(decoding path: String, maxPixels: Int = 100_000_000) -> ImageFileError? {
        do {
            _ = try ImageFile.decode(path: path, maxPixels: maxPixels)
            return nil
        } catch {
            return error
        }
    }

    private func expectOneLineNaming(_ error: ImageFileError, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = error.description
        #expect(text.hasPrefix(path + ": "), "\(text)", sourceLocation: sourceLocation)
        #expect(!text.contains("\n") && !text.contains("\r"), "\(text)", sourceLocation: sourceLocation)
        #expect(error.path == path, sourceLocation: sourceLocation)
    }

    private func jpegFixture(in directory: TemporaryDirectory) throws -> [UInt8] {
        let path = directory.file("whole.jpg")
        try ImageFile.encode(SyntheticImages.gradient(width: 200, height: 150, noise: 30), to: path)
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("absent.jpg")
        #expect(decodeError(path) == .fileNotFound(path: path))
        let inMissingFolder = directory.file("no-such-folder/absent.jpg")
        #expect(decodeError(inMissingFolder) == .fileNotFound(path: inMissingFolder))
    }

    @Test func directoryIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        guard case .unreadable = try #require(decodeError(directory.path)) else {
            Issue.record("a directory should be unreadable")
            return
        }
    }

    @Test func zeroByteFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write([], to: "empty.jpg")
        #expect(decodeError(path) == .emptyFile(path: path))
    }

    @Test(arguments: ["notes.jpg", "notes.png"])
    func textFileIsNotAnImage(name: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(Array("Dear diary, today I was not a picture.\n".utf8), to: name)
        let error = try #require(decodeError(path))
        guard case .notAnImage = error else {
            Issue.record("expected notAnImage, got \(error)")
            return
        }
    }

    /// A phone's HEIF photo (and an AVIF one), which Debian's FFmpeg cannot decode, is named as such: an `ftyp` box
    /// with the brand, a `meta` box, then picture data, as the format lays them out.
    @Test(arguments: ["heic", "mif1", "avif"])
    func heifPicturesAreNamed(brand: String) throws {
        let directory = try TemporaryDirectory()
        func box(_ type: String, _ body: [UInt8]) -> [UInt8] {
            let size = UInt32(8 + body.count)
            return [24, 16, 8, 0].map { UInt8((size >> $0) & 0xFF) } + Array(type.utf8) + body
        }
        let bytes = box("ftyp", Array(brand.utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8))
            + box("meta", [0, 0, 0, 0] + box("hdlr", [0, 0, 0, 0, 0, 0, 0, 0] + Array("pict".utf8) + [UInt8](repeating: 0, count: 13)))
            + box("mdat", (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        let path = try directory.write(bytes, to: "IMG_0001.HEIC")
        #expect(decodeError(path) == .heifPicture(path: path, brand: brand))
        #expect(decodeError(path)?.description.contains("convert it to JPEG or PNG") == true)
    }

    /// An MP4 is no HEIF picture, even though it starts with an `ftyp` box too.
    @Test func anOrdinaryMP4IsNotTakenForHEIF() throws {
        let directory = try TemporaryDirectory()
        let bytes: [UInt8] = [0, 0, 0, 16] + Array("ftypisom".utf8) + [0, 0, 2, 0] + [UInt8](repeating: 7, count: 64)
        let path = try directory.write(bytes, to: "clip.mp4")
        let error = try #require(decodeError(path))
        guard case .notAnImage = error else {
            Issue.record("expected notAnImage, got \(error)")
            return
        }
    }

    @Test func jpegTruncatedAtHalfIsCorrupt() throws {
        let directory = try TemporaryDirectory()
        let whole = try jpegFixture(in: directory)
        let path = try directory.write(Array(whole.prefix(whole.count / 2)), to: "truncated.jpg")
        let error = try #require(decodeError(path))
        guard case .corrupt = error else {
            Issue.record("expected corrupt, got \(error)")
            return
        }
    }

    @Test(arguments: [0.25, 0.5, 0.75, 0.95])
    func truncatedPNGIsCorrupt(fraction: Double) throws {
        let directory = try TemporaryDirectory()
        let whole = directory.file("whole.png")
        try ImageFile.encode(SyntheticImages.gradient(width: 120, height: 90, noise: 50), to: whole)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: whole)))
        let path = try directory.write(Array(bytes.prefix(Int(Double(bytes.count) * fraction))), to: "cut.png")
        let error = try #require(decodeError(path))
        guard case .corrupt = error else {
            Issue.record("expected corrupt, got \(error)")
            return
        }
    }

    @Test func jpegWithGarbageInTheScanIsCorrupt() throws {
        let directory = try TemporaryDirectory()
        var bytes = try jpegFixture(in: directory)
        for index in stride(from: bytes.count / 2, to: bytes.count / 2 + 64, by: 1) { bytes[index] = 0xFF }
        let path = try directory.write(bytes, to: "garbled.jpg")
        #expect(decodeError(path) != nil)
    }

    @Test func hugePNGHeaderIsRefusedWithItsSize() throws {
        let directory = try TemporaryDirectory()
        #expect(CraftedHeaders.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        let path = try directory.write(CraftedHeaders.png(width: 60000, height: 60000), to: "huge.png")
        #expect(decodeError(path) == .tooLarge(path: path, width: 60000, height: 60000, limit: 100_000_000))
        #expect(decodeError(path)?.description.contains("60000×60000") == true)
        #expect(decodeError(path)?.description.contains("100000000") == true)
    }

    @Test func hugeBMPHeaderIsRefusedWithItsSize() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(CraftedHeaders.bmp(width: 60000, height: 60000), to: "huge.bmp")
        #expect(decodeError(path) == .tooLarge(path: path, width: 60000, height: 60000, limit: 100_000_000))
    }

    @Test func hugeGIFScreenIsRefusedWithItsSize() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(CraftedHeaders.gif(screenWidth: 60000, screenHeight: 60000), to: "huge.gif")
        #expect(decodeError(path) == .tooLarge(path: path, width: 60000, height: 60000, limit: 100_000_000))
    }

    @Test func hugeJPEGHeaderIsRefusedWithItsSize() throws {
        let directory = try TemporaryDirectory()
        var bytes = try jpegFixture(in: directory)
        let frameStart = try #require(bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes.replaceSubrange(frameStart + 5 ..< frameStart + 9, with: [0xEA, 0x60, 0xEA, 0x60])
        let path = try directory.write(bytes, to: "huge.jpg")
        #expect(decodeError(path) == .tooLarge(path: path, width: 60000, height: 60000, limit: 100_000_000))
    }

    @Test func pictureOverACallersLimitIsRefused() throws {
        let directory = try TemporaryDirectory()
        for name in ["limit.png", "limit.jpg"] {
            let path = directory.file(name)
            try ImageFile.encode(SyntheticImages.gradient(width: 100, height: 80), to: path)
            #expect(decodeError(path, maxPixels: 7_999) == .tooLarge(path: path, width: 100, height: 80, limit: 7_999))
            #expect(try ImageFile.decode(path: path, maxPixels: 8_000).width == 100)
        }
    }

    @Test(arguments: ["out.gif", "out.webp", "out", "out.png.txt", "folder.png/out"])
    func unsupportedOutputExtension(name: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(name)
        #expect(throws: ImageFileError.self) { try ImageFile.encode(RGBImage(width: 2, height: 2), to: path) }
        do {
            try ImageFile.encode(RGBImage(width: 2, height: 2), to: path)
        } catch {
            expectOneLineNaming(error, path)
            guard case .unsupportedOutputExtension = error else {
                Issue.record("expected unsupportedOutputExtension, got \(error)")
                return
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func encodeIntoAMissingFolderFails() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing/out.png")
        do {
            try ImageFile.encode(RGBImage(width: 2, height: 2), to: path)
            Issue.record("encoding into a missing folder should fail")
        } catch {
            expectOneLineNaming(error, path)
            guard case .encodeFailed = error else {
                Issue.record("expected encodeFailed, got \(error)")
                return
            }
        }
    }

    @Test func emptyImageCannotBeEncoded() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("nothing.png")
        #expect(throws: ImageFileError.self) { try ImageFile.encode(RGBImage(width: 0, height: 0), to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func controlCharactersInNamesStayOnOneLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("two\nlines.jpg")
        let error = try #require(thrownError(decoding: path))
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("two\\nlines.jpg"))
    }
}
