/** OTLP/HTTP payload encodings: `application/x-protobuf` or `application/json`. */
export type OtlpFormat = 'protobuf' | 'json';
