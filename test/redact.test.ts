// redact(): every secret out of a value, names kept, the input never changed, and what holds no
// secret shared rather than copied (a report of thousands of results is walked whole).
import { REDACTED, redact } from '../src/redact';

describe('redact', () => {
  const value = () => ({
    taskDefinition: {
      containerDefinitions: [
        {
          name: 'app',
          environment: [
            { name: 'DATABASE_URL', value: 'postgres://user:pw@db/app' },
            { name: 'EMPTY' },
          ],
          secrets: [{ name: 'API_KEY', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api' }],
        },
      ],
    },
    credentials: { AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', SessionToken: 'FwoGZXIvYXdz', Expiration: 3 },
    results: [{ id: 'task-exec-enabled', status: 'pass' }, { id: 'x', details: { password: 'hunter2', token: 7 } }],
  });

  it('replaces every secret and keeps every name', () => {
    const out = redact(value());
    expect(out.taskDefinition.containerDefinitions[0]!.environment).toEqual([{ name: 'DATABASE_URL', value: REDACTED }, { name: 'EMPTY' }]);
    expect(out.taskDefinition.containerDefinitions[0]!.secrets).toEqual([{ name: 'API_KEY', valueFrom: REDACTED }]);
    expect(out.credentials).toEqual({ AccessKeyId: REDACTED, SecretAccessKey: REDACTED, SessionToken: REDACTED, Expiration: 3 });
    // A secret's key with a value that is no string (a count, say) is no secret.
    expect(out.results[1]).toEqual({ id: 'x', details: { password: REDACTED, token: 7 } });
  });

  it('never changes its input, and shares what holds no secret', () => {
    const input = value();
    const before = JSON.stringify(input);
    const out = redact(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(out).not.toBe(input);
    expect(out.results).not.toBe(input.results);
    expect(out.results[0]).toBe(input.results[0]);
    const clean = { results: [{ id: 'a', details: { list: [1, 2, { name: 'n' }] } }] };
    expect(redact(clean)).toBe(clean);
  });

  it('keeps the holes of a sparse array and copies one only where a secret is', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [{ a: 1 }, , { token: 's' }];
    const out = redact(sparse);
    expect(out).not.toBe(sparse);
    expect(1 in out).toBe(false);
    expect(out[0]).toBe(sparse[0]);
    expect(out[2]).toEqual({ token: REDACTED });
    // eslint-disable-next-line no-sparse-arrays
    const clean = [{ a: 1 }, , 'x'];
    expect(redact(clean)).toBe(clean);
  });
});
