/**
 * A valid AsyncAPI 3.0 document in YAML with `channels` channels, for benchmarks and tests: each channel has
 * a parameterised address, one message with an eight-property payload and an example, and a send operation.
 * @example const raw = generateLargeDocument(300); // about 300 KB
 */
export function generateLargeDocument(channels = 300): string {
  const indices = Array.from({ length: channels }, (_, i) => i + 1);
  return [
    header(channels),
    'channels:',
    ...indices.map(channelYaml),
    'operations:',
    ...indices.map(operationYaml),
    'components:',
    '  parameters:',
    '    region:',
    '      description: The fleet region.',
    '      enum: [eu, us, apac]',
    '    vehicleId:',
    '      description: The vehicle id.',
    '',
  ].join('\n');
}

function header(channels: number): string {
  return `asyncapi: 3.0.0
info:
  title: Fleet Telemetry (${channels} channels)
  version: 1.0.0
  description: A generated document with ${channels} channels, used to measure parsing and registering.
defaultContentType: application/json
servers:
  broker:
    host: localhost:6379
    protocol: redis`;
}

function channelYaml(i: number): string {
  return `  telemetry${i}:
    address: fleet/{region}/vehicle/{vehicleId}/metric-${i}
    description: Metric ${i} of a vehicle.
    parameters:
      region:
        $ref: '#/components/parameters/region'
      vehicleId:
        $ref: '#/components/parameters/vehicleId'
    messages:
      Metric${i}:
        name: Metric${i}
        title: Metric ${i} reading
        payload:
          type: object
          required: [vehicleId, value, recordedAt]
          properties:
            vehicleId: { type: string }
            metric${i}: { type: string, const: metric-${i} }
            value: { type: number }
            unit: { type: string, enum: [km, kmh, celsius, percent] }
            recordedAt: { type: string, format: date-time }
            odometer: { type: integer, minimum: 0 }
            location:
              type: object
              properties:
                lat: { type: number }
                lon: { type: number }
            tags:
              type: array
              items: { type: string }
        examples:
          - payload:
              vehicleId: v-${i}
              metric${i}: metric-${i}
              value: ${i * 1.5}
              unit: kmh
              recordedAt: '2024-05-01T10:00:00Z'
              odometer: ${i * 1000}
              location: { lat: 52.52, lon: 13.4 }
              tags: [generated]`;
}

function operationYaml(i: number): string {
  return `  sendMetric${i}:
    action: send
    channel:
      $ref: '#/channels/telemetry${i}'
    messages:
      - $ref: '#/channels/telemetry${i}/messages/Metric${i}'`;
}
