"""CPython twin of WaitForOutcomeTest: asyncio.wait_for keeps a task's own outcome.

Three scenarios, one trace line each (plus the steps inside the task):
  1. a task that is already done, waited for with timeout 0, gives its result;
  2. a task that catches the cancellation and returns a value gives that value;
  3. a task whose cleanup raises after the cancellation raises that exception.
"""
import asyncio


async def done_task_timeout_zero(trace):
    async def quick():
        return "done"

    t = asyncio.ensure_future(quick())
    await asyncio.sleep(0)
    trace.append(f"done task: done={t.done()}")
    try:
        trace.append(f"wait_for(done, 0) returned {await asyncio.wait_for(t, 0)}")
    except TimeoutError:
        trace.append("wait_for(done, 0) timed out")


async def task_catches_cancellation(trace):
    async def stubborn():
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            trace.append("task: cancelled, returns a value")
            return "kept"
        return "slept"

    t = asyncio.ensure_future(stubborn())
    try:
        trace.append(f"wait_for returned {await asyncio.wait_for(t, 0.02)}")
    except TimeoutError:
        trace.append("wait_for timed out")
    trace.append(f"task state: {'cancelled' if t.cancelled() else 'success'}")


async def cleanup_raises(trace):
    async def failing_cleanup():
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            trace.append("task: cancelled, cleanup raises")
            raise ValueError("cleanup failed")

    t = asyncio.ensure_future(failing_cleanup())
    try:
        await asyncio.wait_for(t, 0.02)
        trace.append("wait_for returned")
    except TimeoutError:
        trace.append("wait_for timed out")
    except ValueError as e:
        trace.append(f"wait_for raised the task's failure: {e}")


async def main():
    trace = []
    await done_task_timeout_zero(trace)
    await task_catches_cancellation(trace)
    await cleanup_raises(trace)
    for line in trace:
        print(line)


asyncio.run(main())
