/**
 * Whether a process of this host is running: signal 0 checks without sending anything; EPERM means
 * it runs under another user. Used to tell a holder that died (a server file, a cluster write lock)
 * from one still at work.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
