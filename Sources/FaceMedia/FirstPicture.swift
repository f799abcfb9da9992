import CFFmpeg

/// Demuxes and decodes the first picture of a media file with libavformat and libavcodec.
///
/// The decoder is asked to fail on any bitstream damage (`AV_EF_EXPLODE`), so a JPEG cut short is an error rather
/// than a picture with a grey lower half, and to refuse pictures over the pixel limit before it allocates them.
enum FirstPicture {
    /// Hands the decoded frame to `use` and frees every FFmpeg object afterwards, on every path.
    static func decode<T>(
        path: String, maxPixels: Int, log: FFmpegLogCapture,
        _ use: (UnsafePointer<AVFrame>) throws(ImageFileError) -> T
    ) throws(ImageFileError) -> T {
        let input = try FileInput(path: path)
        return try withExtendedLifetime(input) { () throws(ImageFileError) -> T in
            guard let allocated = avformat_alloc_context() else { throw outOfMemory(path) }
            allocated.pointee.pb = input.context
            allocated.pointee.flags |= AVFMT_FLAG_CUSTOM_IO
            var formatContext: UnsafeMutablePointer<AVFormatContext>? = allocated
            // On failure avformat_open_input frees the context itself (but not our I/O context).
            let opened = avformat_open_input(&formatContext, "", nil, nil)
            guard opened >= 0, let format = formatContext else {
                if let brand = HEIFBrand.of(path: path) { throw .heifPicture(path: path, brand: brand) }
                throw .notAnImage(path: path, detail: FFmpegFailure.detail(opened, log: log))
            }
            defer { avformat_close_input(&formatContext) }
            return try decode(from: format, path: path, maxPixels: maxPixels, log: log, use)
        }
    }

    private static func decode<T>(
        from format: UnsafeMutablePointer<AVFormatContext>, path: String, maxPixels: Int, log: FFmpegLogCapture,
        _ use: (UnsafePointer<AVFrame>) throws(ImageFileError) -> T
    ) throws(ImageFileError) -> T {
        var decoder: UnsafePointer<AVCodec>?
        let streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &decoder, 0)
        if streamIndex == facewatch_averror_decoder_not_found() {
            throw .notAnImage(path: path, detail: "FFmpeg has no decoder for its picture stream")
        }
        guard streamIndex >= 0, let decoder, let stream = format.pointee.streams[Int(streamIndex)],
              let parameters = stream.pointee.codecpar
        else {
            if let brand = HEIFBrand.of(path: path) { throw .heifPicture(path: path, brand: brand) }
            let formatName = format.pointee.iformat.map { String(cString: $0.pointee.name) } ?? "unknown"
            throw .notAnImage(path: path, detail: "FFmpeg read it as '\(formatName)' but found no picture in it")
        }
        let claimedWidth = Int(parameters.pointee.width), claimedHeight = Int(parameters.pointee.height)
        if claimedWidth * claimedHeight > maxPixels {
            throw .tooLarge(path: path, width: claimedWidth, height: claimedHeight, limit: maxPixels)
        }

        let sizeGuard = PictureSizeGuard(maxPixels: maxPixels)
        defer { withExtendedLifetime(sizeGuard) {} }
        var codecContext = avcodec_alloc_context3(decoder)
        defer { avcodec_free_context(&codecContext) }
        guard let codec = codecContext else { throw outOfMemory(path) }
        func fail(_ code: Int32) -> ImageFileError {
            if let (width, height) = sizeGuard.refusal(codec: codec, log: log) {
                return .tooLarge(path: path, width: width, height: height, limit: maxPixels)
            }
            return .corrupt(path: path, detail: FFmpegFailure.detail(code, log: log))
        }
        var status = avcodec_parameters_to_context(codec, parameters)
        if status < 0 { throw fail(status) }
        codec.pointee.thread_count = 1
        sizeGuard.install(on: codec)
        // TIFF's decoder also refuses merely unknown tags under AV_EF_EXPLODE; it reports truncation without it.
        if parameters.pointee.codec_id != AV_CODEC_ID_TIFF {
            codec.pointee.err_recognition |= AV_EF_EXPLODE
        }
        status = avcodec_open2(codec, decoder, nil)
        if status < 0 { throw fail(status) }

        var packet = av_packet_alloc()
        defer { av_packet_free(&packet) }
        var frame = av_frame_alloc()
        defer { av_frame_free(&frame) }
        guard let packet, let frame else { throw outOfMemory(path) }

        var flushed = false
        while true {
            let received = avcodec_receive_frame(codec, frame)
            if received == 0 { break }
            if received == facewatch_averror_eof() {
                throw .corrupt(path: path, detail: "no picture could be decoded from it")
            }
            if received != facewatch_averror_eagain() || flushed { throw fail(received) }
            let read = av_read_frame(format, packet)
            if read < 0 {
                if read != facewatch_averror_eof() { throw fail(read) }
                avcodec_send_packet(codec, nil)
                flushed = true
                continue
            }
            defer { av_packet_unref(packet) }
            guard packet.pointee.stream_index == streamIndex else { continue }
            let sent = avcodec_send_packet(codec, packet)
            if sent < 0 && sent != facewatch_averror_eagain() { throw fail(sent) }
        }

        let width = Int(frame.pointee.width), height = Int(frame.pointee.height)
        if width * height > maxPixels {
            throw .tooLarge(path: path, width: width, height: height, limit: maxPixels)
        }
        if frame.pointee.flags & AV_FRAME_FLAG_CORRUPT != 0 || frame.pointee.decode_error_flags != 0 {
            throw .corrupt(path: path, detail: "the decoder marked the picture as damaged")
        }
        return try use(frame)
    }

    private static func outOfMemory(_ path: String) -> ImageFileError {
        .unreadable(path: path, reason: "out of memory for FFmpeg's decoder")
    }
}
