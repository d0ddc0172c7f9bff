// A run whose work can no longer settle (a parser that stopped without settling its promise) must
// not end as Node ends it then: exit 0, no report, no word. whenUnsettled says so at beforeExit.
import { whenUnsettled } from '../src/cli';

describe('whenUnsettled', () => {
  it('calls back when the process is about to end with the work pending, not once it has settled', async () => {
    const pending = jest.fn();
    whenUnsettled(new Promise(() => undefined), pending);
    const done = jest.fn();
    const work = Promise.resolve(0);
    whenUnsettled(work, done);
    const failed = jest.fn();
    const failing = Promise.reject(new Error('bad input'));
    whenUnsettled(failing, failed);
    await work;
    await failing.catch(() => undefined);
    process.emit('beforeExit', 0);
    expect(pending).toHaveBeenCalledTimes(1);
    expect(done).not.toHaveBeenCalled();
    expect(failed).not.toHaveBeenCalled();
    // Once: a second beforeExit (the callback scheduled nothing) does not repeat it.
    process.emit('beforeExit', 0);
    expect(pending).toHaveBeenCalledTimes(1);
  });
});
