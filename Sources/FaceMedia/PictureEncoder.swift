import CFFmpeg
import FaceVision

/// Encodes one `RGBImage` into the bytes of a PNG or JPEG file with libavcodec.
enum PictureEncoder {
    /// The still-picture formats `ImageFile.encode` can write, chosen by the file name's extension.
    enum Format {
        case png
        /// Baseline JPEG, 4:4:4 full-range YCbCr (thin coloured annotation lines keep their colour) at qscale 2.
        case jpeg

        init(path: String) throws(ImageFileError) {
            let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
            let dot = name.lastIndex(of: ".")
            let pathExtension = dot.map { String(name[name.index(after: $0)...]) } ?? ""
            switch pathExtension.lowercased() {
            case "png": self = .png
            case "jpg", "jpeg": self = .jpeg
            default: throw .unsupportedOutputExtension(path: path, extension: pathExtension)
            }
        }

        var codecID: AVCodecID { self == .png ? AV_CODEC_ID_PNG : AV_CODEC_ID_MJPEG }
        var pixelFormat: AVPixelFormat { self == .png ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_YUVJ444P }
    }

    private static let jpegQScale: Int32 = 2

    static func encode(_ image: RGBImage, as format: Format, path: String, log: FFmpegLogCapture) throws(ImageFileError) -> [UInt8] {
        guard image.width > 0, image.height > 0 else {
            throw .encodeFailed(path: path, reason: "the image is empty (\(image.width)×\(image.height))")
        }
        guard let encoder = avcodec_find_encoder(format.codecID) else {
            throw .encodeFailed(path: path, reason: "FFmpeg has no \(format) encoder")
        }
        func fail(_ code: Int32) -> ImageFileError {
            .encodeFailed(path: path, reason: FFmpegFailure.detail(code, log: log))
        }
        var codecContext = avcodec_alloc_context3(encoder)
        defer { avcodec_free_context(&codecContext) }
        guard let codec = codecContext else { throw fail(facewatch_averror(ENOMEM)) }
        codec.pointee.width = Int32(image.width)
        codec.pointee.height = Int32(image.height)
        codec.pointee.pix_fmt = format.pixelFormat
        codec.pointee.time_base = AVRational(num: 1, den: 1)
        if format == .jpeg {
            codec.pointee.flags |= AV_CODEC_FLAG_QSCALE
            codec.pointee.global_quality = jpegQScale * FF_QP2LAMBDA
            codec.pointee.color_range = AVCOL_RANGE_JPEG
        }
        var status = avcodec_open2(codec, encoder, nil)
        if status < 0 { throw fail(status) }

        var rgbFrame = av_frame_alloc()
        defer { av_frame_free(&rgbFrame) }
        var convertedFrame = av_frame_alloc()
        defer { av_frame_free(&convertedFrame) }
        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        guard let rgb = rgbFrame, let converted = convertedFrame, let packet else { throw fail(facewatch_averror(ENOMEM)) }

        status = allocate(rgb, width: image.width, height: image.height, format: AV_PIX_FMT_RGB24)
        if status < 0 { throw fail(status) }
        RGBConversion.copy(image, into: rgb)
        var picture = rgb
        if format.pixelFormat != AV_PIX_FMT_RGB24 {
            status = allocate(converted, width: image.width, height: image.height, format: format.pixelFormat)
            if status < 0 { throw fail(status) }
            guard let scaler = sws_getContext(
                Int32(image.width), Int32(image.height), AV_PIX_FMT_RGB24,
                Int32(image.width), Int32(image.height), format.pixelFormat,
                SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nil, nil, nil)
            else { throw fail(facewatch_averror(EINVAL)) }
            defer { sws_freeContext(scaler) }
            status = RGBConversion.scale(scaler, from: rgb, height: image.height, into: converted)
            if status < 0 { throw fail(status) }
            picture = converted
        }
        picture.pointee.quality = codec.pointee.global_quality

        status = avcodec_send_frame(codec, picture)
        if status < 0 { throw fail(status) }
        status = avcodec_send_frame(codec, nil)
        if status < 0 { throw fail(status) }
        var bytes: [UInt8] = []
        while true {
            status = avcodec_receive_packet(codec, packet)
            if status == facewatch_averror_eof() { break }
            if status < 0 { throw fail(status) }
            if let data = packet.pointee.data {
                bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(packet.pointee.size)))
            }
            av_packet_unref(packet)
        }
        guard !bytes.isEmpty else { throw .encodeFailed(path: path, reason: "FFmpeg produced no data") }
        return bytes
    }

    private static func allocate(_ frame: UnsafeMutablePointer<AVFrame>, width: Int, height: Int, format: AVPixelFormat) -> Int32 {
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        frame.pointee.format = format.rawValue
        return av_frame_get_buffer(frame, 0)
    }
}
