// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { describeError, toAppError } from '../../../shared/errors';
import { createInMemoryBridgeForTests } from '../test/in-memory-bridge';
import { renderAppForTests } from '../test/render-app';
import { signedOutStatus } from '../test/statuses';

const KEY = 'sk-proj-test-0000000000000000ABCDE';

afterEach(cleanup);

async function openForm() {
  const bridge = createInMemoryBridgeForTests(signedOutStatus());
  await renderAppForTests(bridge);

  fireEvent.click(screen.getByRole('button', { name: 'Use an API key' }));

  return {
    bridge,
    field: screen.getByLabelText<HTMLInputElement>('OpenAI API key'),
  };
}

describe('the API key form', () => {
  it('opens with a labelled password field that has focus', async () => {
    const { field } = await openForm();

    expect(field.type).toBe('password');
    expect(document.activeElement).toBe(field);
    expect(
      screen
        .getByRole('button', { name: 'Use an API key' })
        .getAttribute('aria-expanded'),
    ).toBe('true');
  });

  it('sends the key to auth:sign-in-api-key and shows the account', async () => {
    const { bridge, field } = await openForm();

    fireEvent.change(field, { target: { value: `  ${KEY}\n` } });
    fireEvent.click(screen.getByRole('button', { name: 'Save API key' }));

    expect(await screen.findByTestId('account-mode')).toBeTruthy();
    expect(bridge.requestsOn('auth:sign-in-api-key')).toEqual([
      { apiKey: KEY },
    ]);
    expect(screen.getByTestId('account-mode').textContent).toBe(
      'API key · sk-proj-***ABCDE',
    );
  });

  it('never writes the key to the log', async () => {
    const { bridge, field } = await openForm();
    bridge.handle('auth:sign-in-api-key', () =>
      Promise.reject(new Error(`bad ${KEY}`)),
    );

    fireEvent.change(field, { target: { value: KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save API key' }));

    await screen.findByTestId('api-key-error');
    const logged = JSON.stringify(bridge.requestsOn('log:write'));
    expect(logged).toContain('auth:sign-in-api-key failed unexpectedly');
    expect(logged).not.toContain(KEY);
  });

  it('says inline that an empty key can not be used, without asking main', async () => {
    const { bridge, field } = await openForm();

    fireEvent.click(screen.getByRole('button', { name: 'Save API key' }));

    const message = describeError('api_key_invalid', { reason: 'it is empty' });
    expect(screen.getByTestId('api-key-error').textContent).toBe(message);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(
      screen.getByTestId('api-key-error').id,
    );
    expect(bridge.requestsOn('auth:sign-in-api-key')).toEqual([]);
  });

  it('shows the reason main refused the key next to the field', async () => {
    const { bridge, field } = await openForm();
    const refused = toAppError('api_key_invalid', {
      reason: 'it is too short',
    });
    bridge.handle('auth:sign-in-api-key', () => ({
      ok: false,
      error: refused,
    }));

    fireEvent.change(field, { target: { value: 'sk-short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save API key' }));

    await waitFor(() =>
      expect(screen.getByTestId('api-key-error').textContent).toBe(
        refused.message,
      ),
    );
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(document.activeElement).toBe(field);
  });

  it('closes on Escape and gives focus back to its button', async () => {
    const { field } = await openForm();

    fireEvent.keyDown(field, { key: 'Escape' });

    expect(screen.queryByLabelText('OpenAI API key')).toBeNull();
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Use an API key' }),
    );
  });

  it('keeps the form open with the reason when the key could not be saved', async () => {
    const { bridge, field } = await openForm();
    const failed = toAppError('auth_write_failed', {
      reason: 'the disk is full',
    });
    bridge.handle('auth:sign-in-api-key', () => ({ ok: false, error: failed }));

    fireEvent.change(field, { target: { value: KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Save API key' }));

    await waitFor(() =>
      expect(screen.getByTestId('api-key-error').textContent).toBe(
        failed.message,
      ),
    );
    expect(screen.queryByTestId('account-label')).toBeNull();
    expect(field.value).toBe(KEY);
  });
});
